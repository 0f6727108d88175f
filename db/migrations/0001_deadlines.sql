CREATE TABLE "obligations" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" text NOT NULL,
	"owner_id" text NOT NULL,
	"manager_id" text,
	"assistant_id" text,
	"anchor_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"done_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"meta" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "nudges" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"obligation_key" text NOT NULL,
	"obligation_id" bigint,
	"kind" text NOT NULL,
	"recipient_id" text NOT NULL,
	"step" text NOT NULL,
	"urgency" text NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	"outbox_uuid" text,
	"detail" jsonb
);
--> statement-breakpoint
CREATE TABLE "monthly_reports" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"owner_id" text NOT NULL,
	"month" text NOT NULL,
	"version" integer,
	"fields" jsonb NOT NULL,
	"status" text NOT NULL,
	"source" text NOT NULL,
	"manager_comment" text,
	"return_reason" text,
	"reviewed_by" text,
	"reviewed_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"submitted_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "obligations_natural_key" ON "obligations" USING btree ("kind","subject_type","subject_id","owner_id");--> statement-breakpoint
CREATE INDEX "obligations_open_due_idx" ON "obligations" USING btree ("due_at") WHERE "obligations"."done_at" is null and "obligations"."cancelled_at" is null;--> statement-breakpoint
CREATE INDEX "obligations_owner_idx" ON "obligations" USING btree ("owner_id","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "nudges_once" ON "nudges" USING btree ("obligation_key","recipient_id","step");--> statement-breakpoint
CREATE UNIQUE INDEX "monthly_reports_version" ON "monthly_reports" USING btree ("owner_id","month","version");--> statement-breakpoint
CREATE INDEX "monthly_reports_month_idx" ON "monthly_reports" USING btree ("month","owner_id");