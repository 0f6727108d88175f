CREATE TABLE "lark_tasks" (
	"obligation_id" bigint PRIMARY KEY NOT NULL,
	"wanted" jsonb,
	"version" integer DEFAULT 1 NOT NULL,
	"task_guid" text,
	"synced" jsonb,
	"synced_version" integer DEFAULT 0 NOT NULL,
	"syncing_until" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
