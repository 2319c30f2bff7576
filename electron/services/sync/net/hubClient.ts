// The member's side of network sync: one round with a peer, and pairing with a hub.
export { syncRound, peerAddress, type RoundResult, type RoundOptions, type RoundProgress } from './syncRound';
export { pairWithHub, pullSnapshot, type PairOutcome } from './pairing';
export { waitForHubChange, type WaitOptions } from './hubWait';
