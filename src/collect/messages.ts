import type { Text } from "../core/text.js";

/** Why an account cannot be reached at all: the one sentence a student gets before exit code 3. */
export const REACH = {
  profileHasNoCredentials: {
    es: "No hay credenciales de AWS válidas para el perfil «{profile}» ({code}). Comprueba que existe («aws configure list-profiles») o inicia sesión con «aws sso login --profile {profile}».",
    en: "No valid AWS credentials for profile «{profile}» ({code}). Check that it exists («aws configure list-profiles») or sign in with «aws sso login --profile {profile}».",
  },
  credentialsExpired: {
    es: "Tus credenciales de AWS caducaron ({code}). Renuévalas: «aws sso login», o copia las nuevas claves de tu laboratorio.",
    en: "Your AWS credentials have expired ({code}). Renew them: «aws sso login», or copy your lab's new keys.",
  },
  noCredentials: {
    es: "No hay credenciales de AWS válidas ({code}). Configúralas con «aws configure» (o «aws sso login»), o usa --profile NOMBRE.",
    en: "No valid AWS credentials ({code}). Set them up with «aws configure» (or «aws sso login»), or use --profile NAME.",
  },
  noCredentialsInAction: {
    es: "No hay credenciales de AWS válidas en el flujo de trabajo ({code}). Añade antes un paso «aws-actions/configure-aws-credentials» (OIDC con role-to-assume, o secretos del repositorio), o usa repo-only: true para calificar solo el repositorio.",
    en: "No valid AWS credentials in the workflow ({code}). Add an «aws-actions/configure-aws-credentials» step first (OIDC with role-to-assume, or repository secrets), or use repo-only: true to grade only the repository.",
  },
  cannotConnect: {
    es: "No se pudo conectar con AWS ({code}). Revisa tu conexión.",
    en: "Could not connect to AWS ({code}). Check your connection.",
  },
  cannotConnectEndpoint: {
    es: "No se pudo conectar con AWS en {endpoint} ({code}). Revisa tu conexión y AWS_ENDPOINT_URL.",
    en: "Could not connect to AWS at {endpoint} ({code}). Check your connection and AWS_ENDPOINT_URL.",
  },
  noAnswer: {
    es: "AWS no respondió a tiempo ({code}): la conexión se abrió pero no llegó respuesta. Vuelve a intentarlo en un momento.",
    en: "AWS did not answer in time ({code}): the connection opened but no answer came. Try again in a moment.",
  },
  noAnswerEndpoint: {
    es: "AWS no respondió a tiempo en {endpoint} ({code}): la conexión se abrió pero no llegó respuesta. Revisa el emulador o AWS_ENDPOINT_URL.",
    en: "AWS did not answer in time at {endpoint} ({code}): the connection opened but no answer came. Check the emulator or AWS_ENDPOINT_URL.",
  },
} satisfies Record<string, Text>;
