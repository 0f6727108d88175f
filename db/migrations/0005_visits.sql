CREATE TABLE "receptions" (
	"id" text PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"owner_id" text NOT NULL,
	"status" text NOT NULL,
	"request_id" text,
	"reception_at" timestamp with time zone NOT NULL,
	"budget_fen" bigint DEFAULT 0 NOT NULL,
	"plan" jsonb NOT NULL,
	"report" jsonb,
	"reported_at" timestamp with time zone,
	"form_message_id" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "receptions_form_message_id_unique" UNIQUE("form_message_id")
);
--> statement-breakpoint
CREATE TABLE "reimbursements" (
	"id" text PRIMARY KEY NOT NULL,
	"owner_id" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" text NOT NULL,
	"status" text NOT NULL,
	"items" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"total_fen" bigint DEFAULT 0 NOT NULL,
	"receipts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"request_id" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_drafts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"owner_id" text NOT NULL,
	"kind" text NOT NULL,
	"subject_id" text,
	"status" text NOT NULL,
	"text" text NOT NULL,
	"fields" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "visits" (
	"id" text PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"owner_id" text NOT NULL,
	"status" text NOT NULL,
	"request_id" text,
	"visit_at" timestamp with time zone NOT NULL,
	"budget_fen" bigint DEFAULT 0 NOT NULL,
	"plan" jsonb NOT NULL,
	"record" jsonb,
	"recorded_at" timestamp with time zone,
	"follow_up" jsonb,
	"followed_up_at" timestamp with time zone,
	"cancel_reason" text,
	"form_message_id" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "visits_form_message_id_unique" UNIQUE("form_message_id")
);
--> statement-breakpoint
CREATE INDEX "receptions_owner_idx" ON "receptions" USING btree ("owner_id","status");--> statement-breakpoint
CREATE INDEX "reimbursements_owner_idx" ON "reimbursements" USING btree ("owner_id","status");--> statement-breakpoint
CREATE INDEX "reimbursements_subject_idx" ON "reimbursements" USING btree ("subject_type","subject_id");--> statement-breakpoint
CREATE INDEX "report_drafts_owner_idx" ON "report_drafts" USING btree ("owner_id","status");--> statement-breakpoint
CREATE INDEX "visits_owner_idx" ON "visits" USING btree ("owner_id","status");--> statement-breakpoint
CREATE INDEX "visits_customer_idx" ON "visits" USING btree ("customer_id");