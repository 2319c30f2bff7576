// Customers beyond the catalog's list/create/update/delete: the customer page's history.
export { customerHistory } from './history';
