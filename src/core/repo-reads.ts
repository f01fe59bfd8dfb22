import type { Check } from "./lab.js";
import { MSG } from "./messages.js";
import { fill, megabytes, type Lang } from "./text.js";

// What the repository reader could not read, and which repository checks that makes «could not
// check». The reader (src/collect/repo-reader.ts) records each file or folder it skipped in the repo
// facts' `unreadable`; a check names what it reads in `requires`:
//   `repo:scan`          every file (secrets): anything unread makes it an error, pass or fail;
//   `repo:read:<name>`   the file it reads (`Procfile`, `.ebextensions/*.config`): a failure is an
//                        error when that file, or a folder that may hold it, was not read.
// A repository check that names neither keeps the plain rule: a failure while anything was unread
// is an error. Passes of named reads stand: what was read was enough.

/** The reader's bounds; the messages quote them. */
export const REPO_LIMITS = {
  /** Files and folders visited. */
  entries: 20_000,
  /** Folder levels below the repository. */
  depth: 16,
  /** Larger text files are not read (a .pem is still found by its name, binary files are skipped). */
  fileBytes: 1024 * 1024,
  /** All text read, together. */
  totalBytes: 64 * 1024 * 1024,
  /** Findings (secrets, unread paths) kept. */
  findings: 100,
} as const;

/** Why a path was not read: the system's code (EACCES, EIO…) or one of the reader's bounds. */
export const UNREAD = { tooLarge: "TOO_LARGE", totalLimit: "TOTAL_LIMIT", tooDeep: "TOO_DEEP", tooMany: "TOO_MANY" } as const;

/** A file or folder the reader did not read; a folder ends in "/" ("./" is the repository itself). */
export interface UnreadEntry {
  file: string;
  code: string;
}

export const REPO_SCAN = "repo:scan";
export const REPO_READ = "repo:read:";

/** `requires` entries that name repository reads rather than IAM actions. */
export function isRepoRead(action: string): boolean {
  return action === REPO_SCAN || action.startsWith(REPO_READ);
}

function unreadOf(repo: unknown): UnreadEntry[] {
  const list = (repo as { unreadable?: unknown } | null)?.unreadable;
  return Array.isArray(list) ? list.filter((u): u is UnreadEntry => typeof u?.file === "string" && typeof u?.code === "string") : [];
}

/** `.ebextensions/*.config` → a test on a path's end: `*` stays within one folder. */
function globAtEnd(glob: string): RegExp {
  const body = glob.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join("[^/]*");
  return new RegExp(`(^|/)${body}$`);
}

/**
 * The unread paths that make this repository check an `error`: for a scan, all of them, whatever
 * the outcome; for a named read that fails, the unread files of that name and the unread folders
 * (which may hold it); with no repository requirement, everything unread when the check fails.
 */
export function unreadBlocking(check: Check, repo: unknown, failing: boolean): UnreadEntry[] {
  const unread = unreadOf(repo);
  if (unread.length === 0) return [];
  const needs = (check.requires ?? []).filter(isRepoRead);
  if (needs.includes(REPO_SCAN)) return unread;
  if (!failing) return [];
  if (needs.length === 0) return unread;
  const names = needs.map((n) => globAtEnd(n.slice(REPO_READ.length)));
  return unread.filter((u) => u.file.endsWith("/") || names.some((name) => name.test(u.file)));
}

const SHOWN = 3;

/** «no se pudo comprobar: no se pudo leer Procfile (EACCES)», each path with why, at most three. */
export function unreadMessage(entries: UnreadEntry[], lang: Lang): string {
  const clause = ({ file, code }: UnreadEntry): string => {
    const folder = file.endsWith("/");
    switch (code) {
      case UNREAD.tooLarge:
        return fill(MSG.unreadTooLarge[lang], { file, limit: megabytes(REPO_LIMITS.fileBytes) });
      case UNREAD.totalLimit:
        return fill(MSG.unreadTotalLimit[lang], { file, limit: megabytes(REPO_LIMITS.totalBytes) });
      case UNREAD.tooDeep:
        return fill(MSG.unreadTooDeep[lang], { file, limit: REPO_LIMITS.depth });
      case UNREAD.tooMany:
        return fill(MSG.unreadTooMany[lang], { file, limit: String(REPO_LIMITS.entries).replace(/\B(?=(\d{3})+$)/g, " ") });
      default:
        return fill((folder ? MSG.unreadFolder : MSG.unreadFile)[lang], { file, code });
    }
  };
  const said = entries.slice(0, SHOWN).map(clause);
  if (entries.length > SHOWN) said.push(fill(MSG.unreadMore[lang], { count: entries.length - SHOWN }));
  return fill(MSG.errRepoUnread[lang], { what: said.join(MSG.partSeparator[lang]) });
}
