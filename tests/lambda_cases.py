"""Bad request bodies for POST /chat, shared by the validation and OpenAPI tests:
(body, the field the error names, how its message starts)."""

NAME = {"ParticipantDetails": {"DisplayName": "Ada sntnl"}}

BAD_BODIES = [
    ({}, "ParticipantDetails.DisplayName", "is required"),
    ({"ParticipantDetails": {}}, "ParticipantDetails.DisplayName", "is required"),
    ({"ParticipantDetails": "Ada"}, "ParticipantDetails", "must be an object"),
    ({"ParticipantDetails": {"DisplayName": "   "}}, "ParticipantDetails.DisplayName", "must be 1-256 characters"),
    ({"ParticipantDetails": {"DisplayName": "x" * 257}}, "ParticipantDetails.DisplayName", "must be 1-256 characters"),
    ({"ParticipantDetails": {"DisplayName": "Ada\u0007sntnl"}}, "ParticipantDetails.DisplayName", "must not contain control characters"),
    ({"ParticipantDetails": {"DisplayName": 42}}, "ParticipantDetails.DisplayName", "must be a string"),
    ({"ParticipantDetails": {"DisplayName": "Ada", "Email": "a@b"}}, "ParticipantDetails.Email", "is not a known field"),
    ({**NAME, "Extra": 1}, "Extra", "is not a known field"),
    ({**NAME, "Attributes": {"secretLevel": "sntnl"}}, "Attributes.secretLevel", "is not an allowed attribute (allowed: customerName, orderId, topic)"),
    ({**NAME, "Attributes": {"topic": 5}}, "Attributes.topic", "must be a string"),
    ({**NAME, "Attributes": {"topic": "sntnl" + "x" * 1020}}, "Attributes.topic", "must be 0-1024 characters"),
    ({**NAME, "Attributes": ["topic"]}, "Attributes", "must be an object"),
    ({**NAME, "InitialMessage": {"ContentType": "text/html", "Content": "hi"}}, "InitialMessage.ContentType", "must be one of: text/plain, text/markdown"),
    ({**NAME, "InitialMessage": {"ContentType": "text/plain", "Content": ""}}, "InitialMessage.Content", "must be 1-1024 characters"),
    ({**NAME, "InitialMessage": {"ContentType": "text/plain", "Content": "  "}}, "InitialMessage.Content", "must not be blank"),
    ({**NAME, "InitialMessage": {"ContentType": "text/plain", "Content": "x" * 1025}}, "InitialMessage.Content", "must be 1-1024 characters"),
    ({**NAME, "InitialMessage": {"ContentType": "text/plain"}}, "InitialMessage.Content", "is required"),
    ({**NAME, "SupportedMessagingContentTypes": ["text/markdown"]}, "SupportedMessagingContentTypes", "must include text/plain"),
    ({**NAME, "SupportedMessagingContentTypes": ["text/plain", "image/png"]}, "SupportedMessagingContentTypes", "must be a list of: text/plain"),
    ({**NAME, "SupportedMessagingContentTypes": ["text/plain", "text/plain"]}, "SupportedMessagingContentTypes", "must include text/plain and list each type once"),
    ({**NAME, "PersistentChat": {"SourceContactId": "c-1", "RehydrationType": "SOME"}}, "PersistentChat.RehydrationType", "must be one of: ENTIRE_PAST_SESSION, FROM_SEGMENT"),
    ({**NAME, "PersistentChat": {"RehydrationType": "FROM_SEGMENT"}}, "PersistentChat.SourceContactId", "is required"),
    ({**NAME, "ChatDurationInMinutes": 59}, "ChatDurationInMinutes", "must be a whole number from 60 to 1500"),
    ({**NAME, "ChatDurationInMinutes": 1501}, "ChatDurationInMinutes", "must be a whole number from 60 to 1500"),
    ({**NAME, "ChatDurationInMinutes": 90.5}, "ChatDurationInMinutes", "must be a whole number"),
    ({**NAME, "ChatDurationInMinutes": True}, "ChatDurationInMinutes", "must be a whole number"),
    ({**NAME, "InstanceId": "99999999-9999-4999-8999-999999999999"}, "InstanceId", "must be omitted or equal"),
    ({**NAME, "ContactFlowId": "99999999-9999-4999-8999-999999999999"}, "ContactFlowId", "must be omitted or equal"),
]  # fmt: skip
