import { describe, expect, it } from "vitest";
import { query } from "../../src/core/compile.js";
import { arnLike, decide, stringLike } from "../../src/core/iam-policy.js";

// The evaluator behind iam_decision(): rows in AWS's own policy shapes (single statements as
// objects, actions as strings or lists, NotAction, NotResource), each with the decision AWS makes.

const doc = (...Statement: Record<string, unknown>[]) => ({ Version: "2012-10-17", Statement });
const BUCKET_OBJECT = "arn:aws:s3:::fotos-ana/gato.jpg";

// AWS managed policies as they read (trimmed to the statements that decide).
const REKOGNITION_READ_ONLY = doc({ Effect: "Allow", Action: ["rekognition:CompareFaces", "rekognition:DetectFaces", "rekognition:DetectLabels", "rekognition:List*", "rekognition:Describe*"], Resource: "*" });
const S3_READ_ONLY = doc({ Effect: "Allow", Action: ["s3:Get*", "s3:List*", "s3:Describe*", "s3-object-lambda:Get*", "s3-object-lambda:List*"], Resource: "*" });
const BASIC_EXECUTION = doc({ Effect: "Allow", Action: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"], Resource: "*" });
const ADMIN = { Version: "2012-10-17", Statement: { Effect: "Allow", Action: "*", Resource: "*" } };

describe("decide", () => {
  it.each([
    ["a managed policy's wildcard action", [REKOGNITION_READ_ONLY, BASIC_EXECUTION], "rekognition:DetectLabels", "*", "allow"],
    ["s3:Get* covers s3:GetObject", [S3_READ_ONLY], "s3:GetObject", BUCKET_OBJECT, "allow"],
    ["actions match whatever their case", [doc({ Effect: "Allow", Action: "S3:getobject", Resource: "*" })], "s3:GetObject", BUCKET_OBJECT, "allow"],
    ["a single statement as an object, Action *", [ADMIN], "dynamodb:DeleteTable", "arn:aws:dynamodb:us-east-1:123456789012:table/x", "allow"],
    ["the bucket's objects", [doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::fotos-ana/*" })], "s3:GetObject", BUCKET_OBJECT, "allow"],
    ["the bucket itself is not its objects", [doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::fotos-ana" })], "s3:GetObject", BUCKET_OBJECT, "implicit-deny"],
    ["another bucket", [doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::otro/*" })], "s3:GetObject", BUCKET_OBJECT, "implicit-deny"],
    ["resources match case-sensitively", [doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::Fotos-ana/*" })], "s3:GetObject", BUCKET_OBJECT, "implicit-deny"],
    ["? is one character", [doc({ Effect: "Allow", Action: "s3:GetObjec?", Resource: "*" })], "s3:GetObject", BUCKET_OBJECT, "allow"],
    ["nothing allows it", [BASIC_EXECUTION], "rekognition:DetectLabels", "*", "implicit-deny"],
    ["no policies at all", [], "rekognition:DetectLabels", "*", "implicit-deny"],
    ["an explicit Deny wins over any Allow", [ADMIN, doc({ Effect: "Deny", Action: "rekognition:*", Resource: "*" })], "rekognition:DetectLabels", "*", "explicit-deny"],
    ["NotAction allows everything else", [doc({ Effect: "Allow", NotAction: "iam:*", Resource: "*" })], "dynamodb:GetItem", "*", "allow"],
    ["NotAction leaves out what it names", [doc({ Effect: "Allow", NotAction: ["iam:*", "dynamodb:*"], Resource: "*" })], "dynamodb:GetItem", "*", "implicit-deny"],
    ["NotResource", [doc({ Effect: "Allow", Action: "s3:*", NotResource: "arn:aws:s3:::secreto/*" })], "s3:GetObject", BUCKET_OBJECT, "allow"],
    ["a statement without Resource grants nothing", [doc({ Effect: "Allow", Action: "s3:*" })], "s3:GetObject", BUCKET_OBJECT, "implicit-deny"],
    ["conditions are taken as met", [doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "true" } } })], "s3:GetObject", BUCKET_OBJECT, "allow"],
    ["a policy variable matches only itself", [doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::${aws:username}/*" })], "s3:GetObject", BUCKET_OBJECT, "implicit-deny"],
    ["${*} is a literal asterisk", [doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::a${*}b/*" })], "s3:GetObject", "arn:aws:s3:::a*b/x", "allow"],
    ["junk in the list is ignored", [null, "texto", doc({ Effect: "Allow", Action: [1, "s3:GetObject"], Resource: "*" })], "s3:GetObject", BUCKET_OBJECT, "allow"],
  ])("%s", (_name, documents, action, resource, decision) => {
    expect(decide(documents as unknown[], action as string, resource as string)).toBe(decision);
  });
});

describe("arnLike and stringLike", () => {
  it.each([
    ["arn:aws:s3:::fotos-ana", "arn:aws:s3:::fotos-ana", true],
    ["arn:aws:s3:::fotos-*", "arn:aws:s3:::fotos-ana", true],
    ["arn:aws:s3:::otro", "arn:aws:s3:::fotos-ana", false],
    ["arn:aws:execute-api:us-east-1:123456789012:abc123/*/*/hola", "arn:aws:execute-api:us-east-1:123456789012:abc123/$default/GET/hola", true],
    ["arn:aws:execute-api:us-east-1:123456789012:abc123/*", "arn:aws:execute-api:us-east-1:123456789012:abc123/prod/GET/hola", true],
    ["arn:aws:execute-api:us-east-1:123456789012:*", "arn:aws:execute-api:us-east-1:123456789012:abc123/prod/GET/hola", true],
    ["arn:aws:execute-api:us-east-1:123456789012:zzz999/*", "arn:aws:execute-api:us-east-1:123456789012:abc123/prod/GET/hola", false],
    // A * in one part does not reach into the next: the account is its own part.
    ["arn:aws:execute-api:*:abc123/*", "arn:aws:execute-api:us-east-1:123456789012:abc123/x", false],
    ["*", "arn:aws:s3:::fotos-ana", true],
  ])("arnLike(%s, %s) is %s", (pattern, arn, expected) => {
    expect(arnLike(pattern, arn)).toBe(expected);
  });

  it("reads regex characters literally", () => {
    expect(stringLike("a.b", "axb")).toBe(false);
    expect(stringLike("a(b)+", "a(b)+")).toBe(true);
  });
});

describe("as JMESPath functions labs call", () => {
  it("iam_decision over a role's policies, null when they were not read", () => {
    const role = { policies: [{ name: "inline", document: REKOGNITION_READ_ONLY }] };
    expect(query("iam_decision(policies[].document, 'rekognition:DetectLabels', '*')", role)).toBe("allow");
    expect(query("iam_decision(policies[].document, 's3:GetObject', '*')", role)).toBe("implicit-deny");
    expect(query("iam_decision(missing, 's3:GetObject', '*')", role)).toBeNull();
  });

  it("arn_like inside a filter, with the bucket's ARN from the candidate", () => {
    const facts = { arn: "arn:aws:s3:::fotos-ana", statements: [{ sourceArn: "arn:aws:s3:::fotos-*" }, { sourceArn: "arn:aws:s3:::otro" }, { sourceArn: null }] };
    expect(query("let $arn = arn in statements[?arn_like(sourceArn, $arn)].sourceArn", facts)).toEqual(["arn:aws:s3:::fotos-*"]);
  });
});
