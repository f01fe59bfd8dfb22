import type { GetCallerIdentityCommandOutput } from "@aws-sdk/client-sts";
import type { AwsCredentialIdentityProvider } from "@smithy/types";

/** What every SDK client we create shares. One client per (service, region), reused. */
export interface AwsSettings {
  profile?: string;
  credentials?: AwsCredentialIdentityProvider;
  /** AWS_ENDPOINT_URL when it points at an emulator (the SDK reads it itself; collectors adapt to it). */
  endpoint?: string;
  /** "adaptive" when grading a class: many accounts, each with its own rate limits. */
  retryMode?: "standard" | "adaptive";
  maxAttempts?: number;
  /** Milliseconds to open a connection / to get an answer. Bounded so a dead endpoint fails fast. */
  connectionTimeout?: number;
  requestTimeout?: number;
  /** Aborts every call still waiting (the run's deadline, or an identity that failed). */
  signal?: AbortSignal;
}

/**
 * GetCallerIdentity is the smallest call there is and decides whether anything else can work:
 * an endpoint that accepts and never answers costs 3 × 3 s here, not 3 × 15 s.
 */
export const IDENTITY_REQUEST_TIMEOUT_MS = 3000;

/** Token parameters of paginated calls (EC2/Beanstalk NextToken, Lambda/IAM Marker, S3, Logs). */
const PAGE_TOKEN = /^(NextToken|nextToken|Marker|ContinuationToken|KeyMarker|VersionIdMarker|StartingToken)$/;
/** The same page asked for more often than this is a loop (two listings may share a client: 2 is normal). */
const MAX_SAME_PAGE = 3;
/** Pages of one listing: beyond, the endpoint is inventing tokens. */
const MAX_PAGES = 5000;

/** An endpoint that hands back a page token it already gave: the SDK's paginators would ask forever. */
export class PaginationLoopError extends Error {
  override readonly name = "PaginationLoop";
  // Shaped like an SDK service error, so a collector's `attempt` records it as data.
  readonly $fault = "server";
  readonly $metadata = {};
}

type Middleware = (next: (args: { input: object }) => Promise<unknown>, context: { commandName?: string }) => (args: { input: object }) => Promise<unknown>;
interface SdkClient {
  send(command: unknown, ...rest: unknown[]): Promise<unknown>;
  middlewareStack: { add(middleware: Middleware, options: { step: "initialize"; name: string }): void };
}

/** Stops a listing whose tokens repeat (A, A… or A, B, A…) or never end, with an error recorded as data. */
function guardPagination(client: SdkClient): void {
  const asked = new Map<string, number>();
  const pages = new Map<string, number>();
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const entries = Object.entries(args.input as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
      if (entries.some(([k, v]) => PAGE_TOKEN.test(k) && typeof v === "string" && v !== "")) {
        const command = context.commandName ?? "";
        const page = `${command}\n${JSON.stringify(entries)}`;
        const listing = `${command}\n${JSON.stringify(entries.filter(([k]) => !PAGE_TOKEN.test(k)))}`;
        const times = (asked.get(page) ?? 0) + 1;
        const count = (pages.get(listing) ?? 0) + 1;
        asked.set(page, times);
        pages.set(listing, count);
        if (times > MAX_SAME_PAGE || count > MAX_PAGES) {
          throw new PaginationLoopError(`${command}: the endpoint keeps handing back page tokens (${times > MAX_SAME_PAGE ? "a token repeats" : `more than ${MAX_PAGES} pages`}); the listing was stopped`);
        }
      }
      return next(args);
    },
    { step: "initialize", name: "calificarPaginationGuard" },
  );
}

/** Every call of the client gets `signal` unless its caller passes another. */
function abortWith(client: SdkClient, signal: AbortSignal): void {
  const send = client.send.bind(client);
  client.send = (command, ...rest) => (rest.length === 0 ? send(command, { abortSignal: signal }) : send(command, ...rest));
}

// The SDK's client constructors share this shape; we only need to pass config in.
type ClientCtor<C> = new (config: Record<string, unknown>) => C;

/** A number per client class, for pool keys: in the minified bundle, different classes may share a `name`. */
const classIds = new WeakMap<object, number>();
let classCount = 0;
function classId(ctor: object): number {
  let id = classIds.get(ctor);
  if (id === undefined) classIds.set(ctor, (id = ++classCount));
  return id;
}

export class ClientPool {
  private readonly clients = new Map<string, unknown>();
  constructor(readonly settings: AwsSettings) {}

  get<C extends { destroy(): void }>(ctor: ClientCtor<C>, region: string, extra: Record<string, unknown> = {}): C {
    const key = `${classId(ctor)}@${region}@${JSON.stringify(extra)}`;
    let client = this.clients.get(key) as C | undefined;
    if (!client) {
      const s = this.settings;
      client = new ctor({
        region,
        ...(s.profile ? { profile: s.profile } : {}),
        ...(s.credentials ? { credentials: s.credentials } : {}),
        maxAttempts: s.maxAttempts ?? 3,
        retryMode: s.retryMode ?? "standard",
        requestHandler: {
          connectionTimeout: s.connectionTimeout ?? 3000,
          requestTimeout: s.requestTimeout ?? 15000,
          // Without it the handler only logs a warning and an endpoint that never answers hangs us forever.
          throwOnRequestTimeout: true,
        },
        ...extra,
      });
      guardPagination(client as unknown as SdkClient);
      if (s.signal) abortWith(client as unknown as SdkClient, s.signal);
      this.clients.set(key, client);
    }
    return client;
  }

  private readonly identities = new Map<string, Promise<GetCallerIdentityCommandOutput>>();

  /**
   * GetCallerIdentity, asked once per region however many collectors need it (the identity, the
   * account id for S3 Control, the caller for IAM). A failure is shared too, and each caller
   * records it through its own `attempt`.
   */
  async callerIdentity(region: string): Promise<GetCallerIdentityCommandOutput> {
    let pending = this.identities.get(region);
    if (!pending) {
      pending = import("@aws-sdk/client-sts").then(({ STSClient, GetCallerIdentityCommand }) =>
        this.get(STSClient, region, {
          requestHandler: {
            connectionTimeout: this.settings.connectionTimeout ?? 3000,
            requestTimeout: Math.min(IDENTITY_REQUEST_TIMEOUT_MS, this.settings.requestTimeout ?? IDENTITY_REQUEST_TIMEOUT_MS),
            throwOnRequestTimeout: true,
          },
        }).send(new GetCallerIdentityCommand({})),
      );
      this.identities.set(region, pending);
    }
    return pending;
  }

  /** Closes sockets so the process can exit promptly. */
  destroy(): void {
    for (const client of this.clients.values()) (client as { destroy(): void }).destroy();
    this.clients.clear();
  }
}
