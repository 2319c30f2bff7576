// Sync channels: bundles out and in (as jobs with progress), the digest, and the conflict inbox.
// Filled in by the bundle work (issue #12); see DESIGN.md "Team sync".
export const syncChannels = {};
