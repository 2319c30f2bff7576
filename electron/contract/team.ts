// Team channels: create a team, invite and join members, revoke a device, and the team's status.
// Filled in by the team work (issue #12); see DESIGN.md "Team sync".
export const teamChannels = {};
