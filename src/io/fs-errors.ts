/**
 * Filesystem conditions that are the user's side (a full disk, a read-only folder, a path whose
 * parent is a file), by errno code, in plain words. They exit 2 like any bad input; only
 * anything else is a bug (exit 70).
 */
const USER_SIDE: Readonly<Record<string, string>> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is used up',
  EROFS: 'the filesystem is read-only',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOENT: 'it or its folder does not exist',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'it is a folder, not a file',
  EEXIST: 'something already exists there',
  ELOOP: 'it is a loop of symlinks',
  ENAMETOOLONG: 'the path is too long',
  EMFILE: 'too many open files',
  EBUSY: 'it is busy',
  EXDEV: 'it is on another filesystem',
  ETXTBSY: 'it is busy',
  EINVAL: 'the path is not valid here',
};

/** The plain reason for a user-side filesystem error, or undefined for anything else. */
export function userSideReason(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? USER_SIDE[code] : undefined;
}

/** `"k8s/06-redis.yaml": no space left on the device (ENOSPC)`, never the file's content. */
export function describeFsError(error: unknown): string | undefined {
  const reason = userSideReason(error);
  if (!reason) return undefined;
  const { code, path } = error as NodeJS.ErrnoException;
  return `${path ? `${JSON.stringify(path)}: ` : ''}${reason} (${code})`;
}
