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
        this.get(STSClient, region).send(new GetCallerIdentityCommand({})),
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
