// The central hub's PostgreSQL password, looked up as libpq does: the URL, then PGPASSWORD, then the password file
// (PGPASSFILE, or ~/.pgpass; %APPDATA%\postgresql\pgpass.conf on Windows). Done here rather than by `pg`, whose own
// lookup is deprecated (it prints a warning at every connection) and which fails with a bare TypeError when none is found.
import { readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { AppError } from '../../../contract';

export interface PasswordTarget {
  host: string;
  port: number;
  database: string;
  user: string;
}

export function passwordFilePath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.PGPASSFILE) return env.PGPASSFILE;
  if (process.platform === 'win32') return path.join(env.APPDATA ?? homedir(), 'postgresql', 'pgpass.conf');
  return path.join(homedir(), '.pgpass');
}

/** One line's five fields (host:port:database:user:password), `\:` and `\\` unescaped; null for a comment or a short line. */
function fieldsOf(line: string): string[] | null {
  if (line.startsWith('#') || line.trim() === '') return null;
  const fields: string[] = [];
  let current = '';
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (char === '\\' && i + 1 < line.length) current += line[++i];
    else if (char === ':' && fields.length < 4) {
      fields.push(current);
      current = '';
    } else current += char;
  }
  fields.push(current);
  return fields.length === 5 ? fields : null;
}

/** The password file's first line matching the target ('*' matches anything), as libpq reads it. */
export function passwordFromFile(text: string, target: PasswordTarget): string | null {
  // libpq matches a local socket connection against "localhost".
  const host = target.host.startsWith('/') ? 'localhost' : target.host;
  const wanted = [host, String(target.port), target.database, target.user];
  for (const line of text.split(/\r?\n/)) {
    const fields = fieldsOf(line);
    if (fields && wanted.every((value, i) => fields[i] === '*' || fields[i] === value)) return fields[4] ?? null;
  }
  return null;
}

type FileLookup = { password: string | null; ignored: 'open_to_others' | null };

function lookUpFile(file: string, target: PasswordTarget): FileLookup {
  let text: string;
  try {
    // As libpq: a file others may read is ignored (on Windows the check does not apply).
    if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) return { password: null, ignored: 'open_to_others' };
    text = readFileSync(file, 'utf8');
  } catch {
    return { password: null, ignored: null };
  }
  return { password: passwordFromFile(text, target), ignored: null };
}

/**
 * What `pg` calls when PostgreSQL asks for a password: `given` is the URL's or PGPASSWORD's. None anywhere is a
 * refusal saying where to put it, instead of `pg`'s "client password must be a string".
 */
export function resolvePassword(given: string | null | undefined, target: PasswordTarget, env: NodeJS.ProcessEnv = process.env): string {
  if (typeof given === 'string') return given;
  const file = passwordFilePath(env);
  const { password, ignored } = lookUpFile(file, target);
  if (password !== null) return password;
  const where = `${target.user} at ${target.host}:${target.port}/${target.database}`;
  const fileNote = ignored === 'open_to_others' ? ` (${file} was not read: others may read it; chmod 600 it)` : '';
  throw new AppError(
    'CONFLICT',
    `PostgreSQL asks for a password for ${where} and none was given${fileNote}: set PGPASSWORD or add a line host:port:database:user:password to ${file} (chmod 600); a password in the URL would show in ps`,
    { reason: 'database_password_missing' },
  );
}
