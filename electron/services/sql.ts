// Services read and write through statements prepared once per connection (db/statements.ts).
export { prepared } from '../../db/statements';
