import { cannotGrade } from "../core/errors.js";
import type { CallError } from "../core/snapshot.js";

/** The STS failure (credentials, network) that means nothing else can work either. */
export function credentialsProblem(errors: CallError[]): CallError | undefined {
  return errors.find((e) => e.action === "sts:GetCallerIdentity" && (e.kind === "credentials" || e.kind === "network" || e.kind === "timeout"));
}

/** Where the account was asked, for the words of an unreachable account. */
export interface Whereabouts {
  profile: string | undefined;
  endpoint: string | undefined;
}

/** Why nothing can be graded, in the student's words; the CLI exits with 3. */
export function cannotReachAws(error: CallError, where: Whereabouts) {
  const { profile, endpoint } = where;
  if (error.kind === "credentials") {
    const expired = /Expired|TokenRefresh/i.test(error.code);
    return cannotGrade(
      // A mistyped --profile or AWS_PROFILE reads as "no credentials" in the SDK's words: name it.
      !expired && profile
        ? {
            es: `No hay credenciales de AWS válidas para el perfil «${profile}» (${error.code}). Comprueba que existe («aws configure list-profiles») o inicia sesión con «aws sso login --profile ${profile}».`,
            en: `No valid AWS credentials for profile «${profile}» (${error.code}). Check that it exists («aws configure list-profiles») or sign in with «aws sso login --profile ${profile}».`,
          }
        : expired
        ? {
            es: `Tus credenciales de AWS caducaron (${error.code}). Renuévalas: «aws sso login», o copia las nuevas claves de tu laboratorio.`,
            en: `Your AWS credentials have expired (${error.code}). Renew them: «aws sso login», or copy your lab's new keys.`,
          }
        : {
            es: `No hay credenciales de AWS válidas (${error.code}). Configúralas con «aws configure» (o «aws sso login»), o usa --profile NOMBRE.`,
            en: `No valid AWS credentials (${error.code}). Set them up with «aws configure» (or «aws sso login»), or use --profile NAME.`,
          },
      error.message,
    );
  }
  return cannotGrade(
    {
      es: `No se pudo conectar con AWS${endpoint ? ` en ${endpoint}` : ""} (${error.code}). Revisa tu conexión${endpoint ? " y AWS_ENDPOINT_URL" : ""}.`,
      en: `Could not connect to AWS${endpoint ? ` at ${endpoint}` : ""} (${error.code}). Check your connection${endpoint ? " and AWS_ENDPOINT_URL" : ""}.`,
    },
    error.message,
  );
}
