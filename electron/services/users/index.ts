// What other service modules may use of users and roles: sign-in lookups, password hashing and rules, default
// roles, and the acting user. (The IPC handlers call the user and role services of this folder directly.)
export { loadActor } from './actor';
export { userFullName } from './names';
export { assertNotCommonPassword } from './common-passwords';
export { decoyHash, hashPassword, verifyPassword } from './passwords';
export { ensureDefaultRoles, findRoleByName } from './roles';
export { findUserByLogin, getUserDto, insertUser } from './users';
