"""A plain serial grader of lab-ec2, the yardstick of `npm run bench` (issue 13).

What a teacher would write in an afternoon: the six AWS calls calificar makes for lab-ec2, one
after another, then the three HTTP GETs of the Flask app, then a verdict. boto3 when it is
importable, botocore (which moto ships) otherwise. Not part of calificar: nothing installs it.

    python3 bench/serial_grader.py PROBE_HOST:PORT

AWS_ENDPOINT_URL, AWS_REGION and the credentials come from the environment, as for calificar.
"""
import json
import os
import sys
import urllib.request

try:
    import boto3

    def client(service):
        return boto3.client(service, region_name=os.environ.get("AWS_REGION", "us-east-1"))

    LIBRARY = "boto3"
except ImportError:  # pragma: no cover - depends on the machine
    import botocore.session

    _session = botocore.session.get_session()

    def client(service):
        return _session.create_client(
            service,
            region_name=os.environ.get("AWS_REGION", "us-east-1"),
            endpoint_url=os.environ.get("AWS_ENDPOINT_URL"),
        )

    LIBRARY = "botocore"


def main():
    probe_host = sys.argv[1]
    sts = client("sts")
    ec2 = client("ec2")
    identity = sts.get_caller_identity()
    instances = [i for r in ec2.describe_instances()["Reservations"] for i in r["Instances"]]
    groups = {g["GroupId"]: g for g in ec2.describe_security_groups()["SecurityGroups"]}
    volumes = {v["VolumeId"]: v for v in ec2.describe_volumes()["Volumes"]}
    addresses = ec2.describe_addresses()["Addresses"]
    free = ec2.describe_instance_types(Filters=[{"Name": "free-tier-eligible", "Values": ["true"]}])["InstanceTypes"]
    free_types = sorted(t["InstanceType"] for t in free)
    answers = {}
    for path in ["/", "/members", "/hello/calificar/"]:
        try:
            with urllib.request.urlopen(f"http://{probe_host}{path}", timeout=5) as res:
                answers[path] = res.status
        except Exception as err:  # a probe that fails is a finding, not a crash
            answers[path] = str(err)
    running = [i for i in instances if i["State"]["Name"] == "running"]
    instance = running[0] if running else None
    checks = {}
    if instance:
        ingress = [
            r.get("CidrIp")
            for g in instance.get("SecurityGroups", [])
            for p in groups.get(g["GroupId"], {}).get("IpPermissions", [])
            if p.get("FromPort", 0) <= 22 <= p.get("ToPort", 65535)
            for r in p.get("IpRanges", [])
        ]
        root = next((m for m in instance.get("BlockDeviceMappings", []) if m["DeviceName"] == instance.get("RootDeviceName")), None)
        volume = volumes.get(root["Ebs"]["VolumeId"]) if root else None
        checks = {
            "instance-running": True,
            "instance-type": instance["InstanceType"] in ["t2.micro", *free_types],
            "ssh-restricted": "0.0.0.0/0" not in ingress,
            "elastic-ip": any(a.get("InstanceId") == instance["InstanceId"] for a in addresses),
            "root-volume": bool(volume) and volume["Size"] <= 30,
            "app-answers": all(answers[p] == 200 for p in ["/", "/members", "/hello/calificar/"]),
        }
    print(json.dumps({"library": LIBRARY, "account": identity["Account"], "checks": checks}))


if __name__ == "__main__":
    main()
