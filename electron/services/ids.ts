import { v7 as uuidv7 } from 'uuid';

/** Every row id: a UUIDv7 (time-ordered, unique across installs for later sync). */
export const newId = (): string => uuidv7();
