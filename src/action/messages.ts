import type { Text } from "../core/text.js";

/** Every sentence of the Action's own: its inputs, its verdict, its annotations. */
export const WORDS = {
  noLab: { es: "Falta la entrada lab (p. ej. lab: lab-beanstalk)", en: "The lab input is missing (e.g. lab: lab-beanstalk)" },
  badLang: { es: "Idioma no disponible: {value} (usa es o en)", en: "Language not available: {value} (use es or en)" },
  badFormat: { es: "Formato desconocido: {value} (disponibles: {formats})", en: "Unknown format: {value} (available: {formats})" },
  badBoolean: { es: "{input} debe ser true o false, no «{value}»", en: "{input} must be true or false, not «{value}»" },
  unreachable: {
    es: "{lab}: no se pudo calificar la cuenta de AWS: {reason}",
    en: "{lab}: the AWS account could not be graded: {reason}",
  },
  notGradedSummary: {
    es: "## calificar: no se pudo calificar\n\n{reason}\n",
    en: "## calificar: could not grade\n\n{reason}\n",
  },
  notPassed: {
    es: "{lab}: no aprobado, {score}/{max} (mínimo {mark}%)",
    en: "{lab}: not passed, {score}/{max} (pass mark {mark}%)",
  },
  ungradable: {
    es: "{lab}: no se pudo calificar nada; revisa los permisos de la función de IAM que asume el flujo",
    en: "{lab}: nothing could be graded; check the permissions of the IAM role the workflow assumes",
  },
  passed: { es: "{lab}: aprobado, {score}/{max}", en: "{lab}: passed, {score}/{max}" },
  notPassedAllowed: { es: "{lab}: no aprobado ({score}/{max}); fail-on-fail es false", en: "{lab}: not passed ({score}/{max}); fail-on-fail is false" },
  howToFix: { es: "Cómo arreglarlo", en: "How to fix" },
  unexpected: {
    es: "error inesperado (es un fallo de calificar, no tuyo): {message}",
    en: "unexpected error (a bug in calificar, not yours): {message}",
  },
} satisfies Record<string, Text>;
