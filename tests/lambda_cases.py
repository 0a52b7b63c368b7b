"""Bad request bodies for POST /chat, shared by the validation and OpenAPI tests:
(body, the field the error names, how its message starts)."""

NAME = {"ParticipantDetails": {"DisplayName": "Ada sntnl"}}

BAD_BODIES = [
    ({}, "ParticipantDetails.DisplayName", "is required"),
    ({"ParticipantDetails": {}}, "ParticipantDetails.DisplayName", "is required"),
    ({"ParticipantDetails": "Ada"}, "ParticipantDetails", "must be an object"),
    (
        {"ParticipantDetails": {"DisplayName": "   "}},
        "ParticipantDetails.DisplayName",
        "must be 1-256 UTF-16 code units",
    ),
    (
        {"ParticipantDetails": {"DisplayName": "x" * 257}},
        "ParticipantDetails.DisplayName",
        "must be 1-256 UTF-16 code units",
    ),
    (
        {"ParticipantDetails": {"DisplayName": "Ada\u0007sntnl"}},
        "ParticipantDetails.DisplayName",
        "must not contain control characters",
    ),
    (
        {"ParticipantDetails": {"DisplayName": 42}},
        "ParticipantDetails.DisplayName",
        "must be a string",
    ),
    (
        {"ParticipantDetails": {"DisplayName": "Ada", "Email": "a@b"}},
        "ParticipantDetails.Email",
        "is not a known field",
    ),
    ({**NAME, "Extra": 1}, "Extra", "is not a known field"),
    (
        {**NAME, "Attributes": {"secretLevel": "sntnl"}},
        "Attributes.secretLevel",
        "is not an allowed attribute (allowed: customerName, orderId, topic)",
    ),
    ({**NAME, "Attributes": {"topic": 5}}, "Attributes.topic", "must be a string"),
    (
        {**NAME, "Attributes": {"topic": "sntnl" + "x" * 1020}},
        "Attributes.topic",
        "must be 0-1024 UTF-16 code units",
    ),
    ({**NAME, "Attributes": ["topic"]}, "Attributes", "must be an object"),
    (
        {**NAME, "InitialMessage": {"ContentType": "text/html", "Content": "hi"}},
        "InitialMessage.ContentType",
        "must be one of: text/plain, text/markdown",
    ),
    (
        {**NAME, "InitialMessage": {"ContentType": "text/plain", "Content": ""}},
        "InitialMessage.Content",
        "must be 1-1024 UTF-16 code units",
    ),
    (
        {**NAME, "InitialMessage": {"ContentType": "text/plain", "Content": "  "}},
        "InitialMessage.Content",
        "must not be blank",
    ),
    (
        {**NAME, "InitialMessage": {"ContentType": "text/plain", "Content": "x" * 1025}},
        "InitialMessage.Content",
        "must be 1-1024 UTF-16 code units",
    ),
    (
        {**NAME, "InitialMessage": {"ContentType": "text/plain"}},
        "InitialMessage.Content",
        "is required",
    ),
    (
        {**NAME, "SupportedMessagingContentTypes": ["text/markdown"]},
        "SupportedMessagingContentTypes",
        "must include text/plain",
    ),
    (
        {**NAME, "SupportedMessagingContentTypes": ["text/plain", "image/png"]},
        "SupportedMessagingContentTypes",
        "must be a list of: text/plain",
    ),
    (
        {**NAME, "SupportedMessagingContentTypes": ["text/plain", "text/plain"]},
        "SupportedMessagingContentTypes",
        "must include text/plain and list each type once",
    ),
    (
        {**NAME, "PersistentChat": {"SourceContactId": "c-1", "RehydrationType": "SOME"}},
        "PersistentChat.RehydrationType",
        "must be one of: ENTIRE_PAST_SESSION, FROM_SEGMENT",
    ),
    (
        {**NAME, "PersistentChat": {"SourceContactId": "nope", "RehydrationType": "FROM_SEGMENT"}},
        "PersistentChat.SourceContactId",
        "must be a contact ID",
    ),
    (
        {
            **NAME,
            "PersistentChat": {"SourceContactId": "\u0005x", "RehydrationType": "FROM_SEGMENT"},
        },
        "PersistentChat.SourceContactId",
        "must be a contact ID",
    ),
    (
        {"ParticipantDetails": {"DisplayName": "\u200b\u200c\u200d\ufeff"}},
        "ParticipantDetails.DisplayName",
        "must contain a visible character",
    ),
    (
        {"ParticipantDetails": {"DisplayName": "\u0301\u0301"}},
        "ParticipantDetails.DisplayName",
        "must contain a visible character",
    ),
    (
        {"ParticipantDetails": {"DisplayName": "Ada\u202esntnl"}},
        "ParticipantDetails.DisplayName",
        "must not contain bidirectional control characters",
    ),
    (
        {"ParticipantDetails": {"DisplayName": "Ada\u2066sntnl\u2069"}},
        "ParticipantDetails.DisplayName",
        "must not contain bidirectional control characters",
    ),
    (
        {"ParticipantDetails": {"DisplayName": "Ada\u2028sntnl"}},
        "ParticipantDetails.DisplayName",
        "must not contain line or paragraph separators",
    ),
    (
        {"ParticipantDetails": {"DisplayName": "Ada\ud800sntnl"}},
        "ParticipantDetails.DisplayName",
        "must not contain unpaired surrogates",
    ),
    (
        {"ParticipantDetails": {"DisplayName": "Ada\u0085sntnl"}},
        "ParticipantDetails.DisplayName",
        "must not contain control characters",
    ),
    (
        {**NAME, "Attributes": {"topic": "a\u0000sntnl"}},
        "Attributes.topic",
        "must not contain control characters",
    ),
    (
        {**NAME, "Attributes": {"topic": "a\u001bsntnl"}},
        "Attributes.topic",
        "must not contain control characters",
    ),
    (
        {**NAME, "Attributes": {"topic": "a\u202dsntnl"}},
        "Attributes.topic",
        "must not contain bidirectional control characters",
    ),
    (
        {**NAME, "Attributes": {"topic": "a\nsntnl"}},
        "Attributes.topic",
        "must not contain control characters",
    ),
    (
        {**NAME, "InitialMessage": {"ContentType": "text/plain", "Content": "hi\rsntnl"}},
        "InitialMessage.Content",
        "must not contain control characters",
    ),
    (
        {**NAME, "InitialMessage": {"ContentType": "text/plain", "Content": "hi\u2029sntnl"}},
        "InitialMessage.Content",
        "must not contain line or paragraph separators",
    ),
    (
        {**NAME, "InitialMessage": {"ContentType": "text/plain", "Content": "\u200b\n\t"}},
        "InitialMessage.Content",
        "must not be blank",
    ),
    # Connect counts UTF-16 code units: an emoji is two (256 emoji = 512 units)
    (
        {"ParticipantDetails": {"DisplayName": "\U0001f600" * 256}},
        "ParticipantDetails.DisplayName",
        "must be 1-256 UTF-16 code units",
    ),
    (
        {**NAME, "Attributes": {"topic": "\U0001f600" * 513}},
        "Attributes.topic",
        "must be 0-1024 UTF-16 code units",
    ),
    (
        {**NAME, "InitialMessage": {"ContentType": "text/plain", "Content": "\U0001f600" * 1024}},
        "InitialMessage.Content",
        "must be 1-1024 UTF-16 code units",
    ),
    # what renders blank, whatever its category says (Hangul fillers are letters)
    (
        {"ParticipantDetails": {"DisplayName": "\u3164\u3164"}},
        "ParticipantDetails.DisplayName",
        "must contain a visible character",
    ),
    (
        {"ParticipantDetails": {"DisplayName": "\u2800\u2800\u2800"}},
        "ParticipantDetails.DisplayName",
        "must contain a visible character",
    ),
    (
        {"ParticipantDetails": {"DisplayName": "\u115f\u1160\uffa0"}},
        "ParticipantDetails.DisplayName",
        "must contain a visible character",
    ),
    (
        {"ParticipantDetails": {"DisplayName": "\u00ad\u034f\ufe0f"}},
        "ParticipantDetails.DisplayName",
        "must contain a visible character",
    ),
    # Unicode tag characters: text an agent cannot see and an AI assistant reads
    (
        {"ParticipantDetails": {"DisplayName": "Ada\U000e0069\U000e0067\U000e006e"}},
        "ParticipantDetails.DisplayName",
        "must not contain Unicode tag characters",
    ),
    (
        {
            **NAME,
            "InitialMessage": {"ContentType": "text/plain", "Content": "hi\U000e0001\U000e0073"},
        },
        "InitialMessage.Content",
        "must not contain Unicode tag characters",
    ),
    (
        {**NAME, "Attributes": {"topic": "billing\U000e007f"}},
        "Attributes.topic",
        "must not contain Unicode tag characters",
    ),
    ({**NAME, "x" * 100: 1}, "x" * 64, "is not a known field"),
    (
        {**NAME, "PersistentChat": {"RehydrationType": "FROM_SEGMENT"}},
        "PersistentChat.SourceContactId",
        "must be a contact ID",
    ),
    (
        {**NAME, "ChatDurationInMinutes": 59},
        "ChatDurationInMinutes",
        "must be a whole number from 60 to 1500",
    ),
    (
        {**NAME, "ChatDurationInMinutes": 1501},
        "ChatDurationInMinutes",
        "must be a whole number from 60 to 1500",
    ),
    ({**NAME, "ChatDurationInMinutes": 90.5}, "ChatDurationInMinutes", "must be a whole number"),
    ({**NAME, "ChatDurationInMinutes": True}, "ChatDurationInMinutes", "must be a whole number"),
    ({**NAME, "ChatDurationInMinutes": 60.5}, "ChatDurationInMinutes", "must be a whole number"),
    ({**NAME, "ChatDurationInMinutes": "60"}, "ChatDurationInMinutes", "must be a whole number"),
    (
        {**NAME, "InstanceId": "99999999-9999-4999-8999-999999999999"},
        "InstanceId",
        "must be omitted, empty, or this deployment's instance",
    ),
    (
        {**NAME, "InstanceId": None},
        "InstanceId",
        "must be omitted, empty, or this deployment's instance",
    ),
    (
        {
            **NAME,
            "InstanceId": "arn:aws:connect:us-east-1:111111111111:instance/"
            "99999999-9999-4999-8999-999999999999",
        },
        "InstanceId",
        "must be omitted, empty",
    ),
    (
        {**NAME, "ContactFlowId": "99999999-9999-4999-8999-999999999999"},
        "ContactFlowId",
        "must be omitted, empty, or this deployment's contact flow",
    ),
    (
        {
            **NAME,
            "ContactFlowId": "arn:aws:connect:us-east-1:111111111111:instance/"
            "99999999-9999-4999-8999-999999999999/contact-flow/22222222-2222-4222-8222-222222222222",
        },
        "ContactFlowId",
        "must be omitted, empty",
    ),
]
