import {
  AllocateAddressCommand,
  AssociateAddressCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateKeyPairCommand,
  CreateSecurityGroupCommand,
  DescribeImagesCommand,
  EC2Client,
  RunInstancesCommand,
  StopInstancesCommand,
  type IpPermission,
  type _InstanceType,
} from "@aws-sdk/client-ec2";

export interface StudentServer {
  region?: string;
  instanceType?: _InstanceType;
  keyName?: string | null;
  ingress?: IpPermission[];
  elasticIp?: boolean;
  stopped?: boolean;
  name?: string;
  volumeGiB?: number;
  volumeType?: "gp2" | "gp3" | "io1" | "standard";
  /** Keys of another account (from AssumeRole on moto): the server is built in that account. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

export const COURSE_INGRESS: IpPermission[] = [
  { IpProtocol: "tcp", FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: "203.0.113.7/32" }] },
  { IpProtocol: "tcp", FromPort: 5000, ToPort: 5000, IpRanges: [{ CidrIp: "0.0.0.0/0" }] },
];

/** Creates, through the SDK, the EC2 server a student builds in lab-ec2. */
export async function seedServer(endpoint: string, s: StudentServer = {}): Promise<{ instanceId: string; publicIp?: string }> {
  const ec2 = new EC2Client({ region: s.region ?? "us-east-1", endpoint, credentials: s.credentials ?? { accessKeyId: "testing", secretAccessKey: "testing" } });
  try {
    const images = await ec2.send(new DescribeImagesCommand({}));
    const imageId = images.Images?.[0]?.ImageId;
    const keyName = s.keyName === undefined ? "labsuser" : s.keyName;
    if (keyName) await ec2.send(new CreateKeyPairCommand({ KeyName: `${keyName}` })).catch(() => undefined);
    const group = await ec2.send(new CreateSecurityGroupCommand({ GroupName: `sg-${Math.random().toString(36).slice(2, 8)}`, Description: "lab" }));
    const ingress = s.ingress ?? COURSE_INGRESS;
    if (ingress.length) await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: group.GroupId, IpPermissions: ingress }));
    const run = await ec2.send(
      new RunInstancesCommand({
        ImageId: imageId,
        MinCount: 1,
        MaxCount: 1,
        InstanceType: s.instanceType ?? "t2.micro",
        ...(keyName ? { KeyName: keyName } : {}),
        SecurityGroupIds: [group.GroupId!],
        ...(s.volumeGiB || s.volumeType
          ? { BlockDeviceMappings: [{ DeviceName: "/dev/sda1", Ebs: { VolumeSize: s.volumeGiB ?? 8, VolumeType: s.volumeType ?? "gp3" } }] }
          : {}),
        TagSpecifications: [{ ResourceType: "instance", Tags: [{ Key: "Name", Value: s.name ?? "mi-servidor" }] }],
      }),
    );
    const instance = run.Instances![0]!;
    if (s.elasticIp) {
      const eip = await ec2.send(new AllocateAddressCommand({ Domain: "vpc" }));
      await ec2.send(new AssociateAddressCommand({ InstanceId: instance.InstanceId, AllocationId: eip.AllocationId }));
    }
    if (s.stopped) await ec2.send(new StopInstancesCommand({ InstanceIds: [instance.InstanceId!] }));
    return { instanceId: instance.InstanceId!, ...(instance.PublicIpAddress ? { publicIp: instance.PublicIpAddress } : {}) };
  } finally {
    ec2.destroy();
  }
}
