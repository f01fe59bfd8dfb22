// AWS's naming rules for what a user types or a roster holds, checked before any call: a name the
// SDK cannot put in a hostname, or AWS would refuse, is bad input with a sentence, not an SDK error.

// us-east-1, eu-central-2, us-gov-west-1, cn-north-1, ap-southeast-7, us-isob-east-1.
const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
// IAM's documented characters and length for a role name.
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
// AWS's documented pattern and length for sts:AssumeRole's ExternalId.
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;

export const isRegionName = (value: string): boolean => REGION.test(value);
export const isRoleName = (value: string): boolean => ROLE_NAME.test(value);
export const isExternalId = (value: string): boolean => EXTERNAL_ID.test(value);
