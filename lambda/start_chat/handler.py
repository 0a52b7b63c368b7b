import json
import os

import botocore.session

INSTANCE_ID = os.environ["INSTANCE_ID"]
CONTACT_FLOW_ID = os.environ["CONTACT_FLOW_ID"]
connect = botocore.session.get_session().create_client("connect")


def handler(event, context):
    body = json.loads(event.get("body") or "{}")
    result = connect.start_chat_contact(
        InstanceId=INSTANCE_ID,
        ContactFlowId=CONTACT_FLOW_ID,
        ParticipantDetails={"DisplayName": body["ParticipantDetails"]["DisplayName"]},
    )
    keys = ("ContactId", "ParticipantId", "ParticipantToken")
    return {"statusCode": 200, "body": json.dumps({k: result[k] for k in keys})}
