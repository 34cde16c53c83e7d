// The admin feature's door: the accounts screen (administrators add users, change roles, reset
// passwords, deactivate). The accounts themselves are the auth feature's.
export { default as UsersPage } from './UsersPage';
