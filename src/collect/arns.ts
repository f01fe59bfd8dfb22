// ARNs that point from one service's resource to another's, normalized so the lab's joins can match
// them with what the other service's listing calls the same thing.

/** A Lambda function named by an ARN (and maybe a version or alias): its unqualified ARN, name and qualifier. */
export interface FunctionRef {
  /** The ARN without a version or alias, as ListFunctions names the function. */
  functionArn: string | null;
  functionName: string | null;
  /** The alias or version it names, if any. */
  qualifier: string | null;
}

/** arn:aws:lambda:r:a:function:name[:qualifier] → its parts; anything else is kept as it is, unnamed. */
export function functionRef(arn: string | null | undefined): FunctionRef {
  const m = /^(arn:[^:]+:lambda:[^:]*:[^:]*:function:([^:/]+))(?::([^:/]+))?$/.exec(arn ?? "");
  return m ? { functionArn: m[1]!, functionName: m[2]!, qualifier: m[3] ?? null } : { functionArn: arn || null, functionName: null, qualifier: null };
}

/**
 * The function an API Gateway integration invokes: HTTP APIs name its ARN (or the REST form), REST
 * APIs write arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/<function ARN>/invocations.
 */
export function integrationFunction(uri: string | null | undefined): FunctionRef | null {
  if (!uri) return null;
  const inPath = /:lambda:path\/[^/]+\/functions\/(arn:[^/]+)\/invocations$/.exec(uri);
  const ref = functionRef(inPath ? inPath[1] : uri);
  return ref.functionName ? ref : null;
}
