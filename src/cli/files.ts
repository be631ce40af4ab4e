/// <reference types="node" />
/**
 * The output file of `-o`: checked before any work is done (so a run that cannot write its
 * result fails at once, not after a long bootstrap), then written to a temporary name in the
 * same directory and renamed, so a failed run never leaves half a file behind.
 */
import { randomBytes } from 'node:crypto';
import { access, constants, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

/** An output file that cannot be written: exit code 1, `FILE_NOT_WRITABLE` on standard error. */
export class OutputFileError extends Error {
  readonly code = 'FILE_NOT_WRITABLE';
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`cannot write "${path}": ${reason}`);
    this.name = 'OutputFileError';
  }
}

/** The system's reason for a failed file operation, in words. */
export function reasonOf(e: unknown, path: string): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return `the directory ${dirname(resolve(path))} does not exist`;
    case 'ENOTDIR':
      return 'a part of the path is a file, not a directory';
    case 'EISDIR':
      return 'it is a directory (give a file name, e.g. -o out/report.html)';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EDQUOT':
      return 'disk quota exceeded';
    case 'ENAMETOOLONG':
      return 'the file name is too long';
    default:
      return (e as Error | undefined)?.message ?? String(e);
  }
}

/** Whether `path` exists and is something other than a regular file (a device such as /dev/null, a pipe). */
async function special(path: string): Promise<boolean> {
  try {
    const info = await stat(path);
    return !info.isFile() && !info.isDirectory();
  } catch {
    return false;
  }
}

/**
 * Checks that `path` can be written: not a directory, in an existing, writable directory, and
 * (when it exists) writable itself. Throws {@link OutputFileError}.
 */
export async function checkOutputPath(path: string): Promise<void> {
  if (path.trim() === '') throw new OutputFileError(path, 'the file name is empty');
  let exists = false;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    exists = true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') throw new OutputFileError(path, reasonOf(e, path));
  }
  try {
    if (exists) await access(path, constants.W_OK);
    else {
      const dir = dirname(resolve(path));
      const info = await stat(dir);
      if (!info.isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
      await access(dir, constants.W_OK);
    }
  } catch (e) {
    throw new OutputFileError(path, reasonOf(e, path));
  }
}

/**
 * Writes `text` to `path`: to a temporary file beside it, then renamed over it (a device or a
 * pipe such as /dev/stdout is written directly). Throws {@link OutputFileError} naming the path
 * and the system's reason; the temporary file is removed.
 */
export async function writeOutputFile(path: string, text: string): Promise<void> {
  if (await special(path)) {
    try {
      await writeFile(path, text);
    } catch (e) {
      throw new OutputFileError(path, reasonOf(e, path));
    }
    return;
  }
  const temp = join(dirname(resolve(path)), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temp, text, { flag: 'wx' });
    await rename(temp, path);
  } catch (e) {
    await unlink(temp).catch(() => undefined);
    throw new OutputFileError(path, reasonOf(e, path));
  }
}
