/**
 * An Elastic Beanstalk option value as labs compare it. AWS answers every value as text and
 * .ebextensions may write `MinSize: "2"` or `MinSize: 2`; both must read as the number 2.
 * Only plain decimals convert: «0123», «1e3», «» and words stay exactly as written.
 */
export function beanstalkOptionValue(value: string): string | number {
  return /^-?(0|[1-9]\d*)(\.\d+)?$/.test(value) ? Number(value) : value;
}
