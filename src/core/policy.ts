import { Document, isScalar, visit } from "yaml";

/** An IAM policy document as AWS reads it (field names are AWS's). */
export interface PolicyDocument {
  Version: "2012-10-17";
  Statement: PolicyStatement[];
}

export interface PolicyStatement {
  Sid: string;
  Effect: "Allow";
  Action: string[];
  Resource: string;
}

export const READ_ONLY_SID = "CalificarReadOnly";

/**
 * Calls that do something in the account, each in its own statement (by Sid) so an instructor
 * can delete it and keep a purely read-only policy. Invoking the student's function is the only one.
 */
export const ACTIVE_ACTIONS: Readonly<Record<string, string>> = { "lambda:InvokeFunction": "ActiveLambdaInvoke" };

/**
 * The other active mode, which no IAM policy can grant or deny: lab-crud's walk through the
 * student's own API over HTTP (`--probar-crud`), which creates, changes and deletes one test item.
 * Declared here so the instructor's template says it beside the Lambda invoke.
 */
export const ACTIVE_PROBES: Readonly<Record<string, string>> = { "http:active": "--probar-crud (lab-crud)" };

export interface PolicyOptions {
  /** Include the active statements (default true); `calificar policy --no-invoke` leaves them out. */
  invoke?: boolean;
}

/** The IAM policy calificar needs: exactly the union of what the collectors declare. Pure. */
export function policyDocument(collectors: readonly { actions: readonly string[] }[], options: PolicyOptions = {}): PolicyDocument {
  const actions = [...new Set(collectors.flatMap((c) => [...c.actions]))].sort();
  const readOnly = actions.filter((a) => !(a in ACTIVE_ACTIONS));
  const active = options.invoke === false ? [] : actions.filter((a) => a in ACTIVE_ACTIONS);
  return {
    Version: "2012-10-17",
    Statement: [
      { Sid: READ_ONLY_SID, Effect: "Allow", Action: readOnly, Resource: "*" },
      ...active.map((action): PolicyStatement => ({ Sid: ACTIVE_ACTIONS[action]!, Effect: "Allow", Action: [action], Resource: "*" })),
    ],
  };
}

export function renderPolicyJson(policy: PolicyDocument): string {
  return JSON.stringify(policy, null, 2) + "\n";
}

export const ROLE_NAME = "calificar-readonly";

/** CloudFormation for the role an instructor assumes in each student's account (cross-account, with ExternalId). */
export function instructorRoleTemplate(policy: PolicyDocument): Record<string, unknown> {
  return {
    AWSTemplateFormatVersion: "2010-09-09",
    Description:
      "calificar: rol de solo lectura para que tu instructor califique tus laboratorios / read-only role for your instructor to grade your labs",
    Parameters: {
      InstructorAccountId: {
        Type: "String",
        AllowedPattern: "^\\d{12}$",
        ConstraintDescription: "12 dígitos / 12 digits",
        Description: "Cuenta de AWS del instructor (12 dígitos) / The instructor's AWS account id (12 digits)",
      },
      ExternalId: {
        Type: "String",
        MinLength: 2,
        MaxLength: 1224,
        AllowedPattern: "^[\\w+=,.@:/-]+$",
        Description: "El ExternalId que te dio tu instructor / The ExternalId your instructor gave you",
      },
    },
    Resources: {
      CalificarRole: {
        Type: "AWS::IAM::Role",
        Properties: {
          RoleName: ROLE_NAME,
          Description: "calificar: lectura de los recursos de los laboratorios / reads the labs' resources",
          MaxSessionDuration: 3600,
          AssumeRolePolicyDocument: {
            Version: "2012-10-17",
            Statement: [
              {
                Effect: "Allow",
                Principal: { AWS: { "Fn::Sub": "arn:${AWS::Partition}:iam::${InstructorAccountId}:root" } },
                Action: "sts:AssumeRole",
                // The ExternalId stops the confused deputy: knowing the role's ARN is not enough to assume it.
                Condition: { StringEquals: { "sts:ExternalId": { Ref: "ExternalId" } } },
              },
            ],
          },
          Policies: [{ PolicyName: "calificar-readonly", PolicyDocument: policy }],
        },
      },
    },
    Outputs: {
      RoleArn: {
        Description: "Pásale este ARN a tu instructor / Give this ARN to your instructor",
        Value: { "Fn::GetAtt": ["CalificarRole", "Arn"] },
      },
    },
  };
}

const HEADER = [
  " calificar: rol para que un instructor califique esta cuenta (solo lectura, con ExternalId).",
  " calificar: role for an instructor to grade this account (read-only, with ExternalId).",
  "",
  " aws cloudformation deploy --template-file instructor-role.yaml --stack-name calificar \\",
  "   --capabilities CAPABILITY_NAMED_IAM \\",
  "   --parameter-overrides InstructorAccountId=<12 dígitos> ExternalId=<el que te dio tu instructor>",
  "",
  " The statement with Sid ActiveLambdaInvoke (lambda:InvokeFunction) is the only active AWS call:",
  " delete it to stay purely read-only (lab-lambda then needs --no-invoke). The other active mode,",
  ` ${ACTIVE_PROBES["http:active"]}, needs nothing here: it creates, updates and deletes one test item`,
  " through the student's own API over HTTP, never through AWS, and only when asked for.",
  " Generated by `calificar policy --format cloudformation`; do not edit by hand.",
].join("\n");

/** The template as YAML, with dates quoted so no YAML 1.1 reader turns a policy Version into a date. */
export function renderInstructorRole(policy: PolicyDocument): string {
  const doc = new Document(instructorRoleTemplate(policy));
  doc.commentBefore = HEADER;
  visit(doc, {
    Scalar(_key, node) {
      if (isScalar(node) && typeof node.value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(node.value)) node.type = "QUOTE_DOUBLE";
    },
  });
  return doc.toString({ lineWidth: 0 });
}
