CREATE TABLE "calendar_events" (
	"subject_type" text NOT NULL,
	"subject_id" text NOT NULL,
	"wanted" jsonb,
	"version" integer DEFAULT 1 NOT NULL,
	"event_id" text,
	"synced" jsonb,
	"synced_version" integer DEFAULT 0 NOT NULL,
	"syncing_until" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "calendar_events_subject_type_subject_id_pk" PRIMARY KEY("subject_type","subject_id")
);
