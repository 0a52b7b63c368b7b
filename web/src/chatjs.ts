// What the chat view uses of a chatjs session (the global `connect` is typed by chatjs's own
// index.d.ts), narrowed to what is called. Items are as Connect's Participant Service sends
// them, every field optional or unknown: the view must draw an odd item as text, not fail.

export interface ChatAttachment {
  AttachmentId?: string;
  AttachmentName?: string;
  ContentType?: string;
  Status?: string;
}

export interface ChatReceipt {
  DeliveredTimestamp?: string;
  ReadTimestamp?: string;
}

export interface ChatItem {
  Id?: string;
  Type?: string;
  ContactId?: string; // set on an earlier chat's items, rehydrated into a continued one
  ContentType?: string;
  Content?: unknown;
  DisplayName?: string;
  ParticipantRole?: string;
  AbsoluteTime?: string;
  Attachments?: unknown;
  MessageMetadata?: { MessageId?: string; Receipts?: ChatReceipt[] };
}

export interface ChatEvent {
  data: ChatItem;
}

export interface ChatDetails {
  contactId: string;
  participantId: string;
  participantToken: string;
}

export interface ChatSession {
  connect(): Promise<unknown>;
  onMessage(handler: (event: ChatEvent) => void): void;
  onTyping(handler: (event: ChatEvent) => void): void;
  onEnded(handler: () => void): void;
  onDeliveredReceipt(handler: (event: ChatEvent) => void): void;
  onReadReceipt(handler: (event: ChatEvent) => void): void;
  sendMessage(message: { contentType: string; message: string }): Promise<unknown>;
  sendEvent(event: { contentType: string; content?: string }): Promise<unknown>;
  sendAttachment(request: { attachment: File }): Promise<unknown>;
  downloadAttachment(request: { attachmentId: string }): Promise<Blob>;
  getTranscript(request: {
    maxResults: number;
    sortOrder: "ASCENDING" | "DESCENDING";
    scanDirection: "BACKWARD" | "FORWARD";
  }): Promise<{ data: unknown }>;
  disconnectParticipant(): Promise<unknown>;
  cleanUpOnParticipantDisconnect?(): void;
}
