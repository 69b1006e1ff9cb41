export { newId } from '../api/ids.ts';
