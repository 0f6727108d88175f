CREATE TABLE "approval_centre_definitions" (
	"kind" text PRIMARY KEY NOT NULL,
	"approval_code" text NOT NULL,
	"hash" text NOT NULL,
	"defined_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "approval_centre_instances" (
	"request_id" text PRIMARY KEY NOT NULL,
	"wanted" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"synced" jsonb,
	"synced_version" integer DEFAULT 0 NOT NULL,
	"synced_at" timestamp with time zone,
	"syncing_until" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
