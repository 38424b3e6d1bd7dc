/**
 * Reads a small text input file (a configuration or policy file) with bounded work: refuses what is not
 * a regular file (a FIFO or /dev/zero would never end), stops after `maxBytes`, requires UTF-8 and drops
 * a leading byte order mark. Problems are {@link InputFileError}s whose reason is a plain sentence.
 */
import * as fs from 'fs';
import * as path from 'path';

/** One mebibyte: the default size limit of an input file. */
export const MEBIBYTE = 1024 * 1024;

/** An input file cannot be used; `reason` says why in words (no errno codes alone). */
export class InputFileError extends Error {
  constructor(
    /** The path as given. */
    public readonly file: string,
    /** Why, e.g. "does not exist". */
    public readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'InputFileError';
  }
}

const REASONS: Record<string, string> = {
  ENOENT: 'does not exist',
  ENOTDIR: 'does not exist (a part of the path is not a directory)',
  EACCES: 'cannot be read: permission denied',
  EPERM: 'cannot be read: permission denied',
  EISDIR: 'is a directory, not a file',
  ELOOP: 'cannot be read: too many symbolic links',
  ENAMETOOLONG: 'cannot be read: the path is too long',
};

/** A plain reason for a failed file operation. */
export function fileErrorReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return (code && REASONS[code]) ?? `cannot be read (${code ?? (error instanceof Error ? error.message : String(error))})`;
}

/** Human size: 1048576 → "1 MiB". */
export function formatBytes(bytes: number): string {
  return bytes >= MEBIBYTE && bytes % MEBIBYTE === 0 ? `${bytes / MEBIBYTE} MiB` : bytes >= 1024 ? `${(bytes / 1024).toFixed(0)} KiB` : `${bytes} bytes`;
}

/**
 * The file's text.
 * @param file the path as given (relative paths resolve against the working directory)
 * @param maxBytes largest accepted size @default 1 MiB
 * @throws InputFileError naming the file (resolved to an absolute path) and the reason
 */
export function readInputFile(file: string, maxBytes: number = MEBIBYTE): string {
  const shown = path.resolve(file);
  if (file.includes('\0')) throw new InputFileError(shown, 'is not a valid path (it contains a NUL character)');
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (e) {
    throw new InputFileError(shown, fileErrorReason(e));
  }
  try {
    const stat = fs.fstatSync(fd);
    if (stat.isDirectory()) throw new InputFileError(shown, 'is a directory, not a file');
    if (!stat.isFile()) throw new InputFileError(shown, 'is not a regular file (a device, pipe or socket)');
    if (stat.size > maxBytes) throw new InputFileError(shown, `is ${formatBytes(stat.size)}, larger than the ${formatBytes(maxBytes)} allowed`);
    const buffer = Buffer.alloc(Math.min(stat.size, maxBytes) + 1);
    let length = 0;
    while (length < buffer.length) {
      const n = fs.readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    if (length > maxBytes) throw new InputFileError(shown, `is larger than the ${formatBytes(maxBytes)} allowed`);
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(buffer.subarray(0, length));
    } catch {
      throw new InputFileError(shown, 'is not UTF-8 text');
    }
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch (e) {
    if (e instanceof InputFileError) throw e;
    throw new InputFileError(shown, fileErrorReason(e));
  } finally {
    fs.closeSync(fd);
  }
}
