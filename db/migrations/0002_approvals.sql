CREATE TABLE "approval_audit" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"request_id" text NOT NULL,
	"round" integer NOT NULL,
	"step_idx" integer,
	"action" text NOT NULL,
	"actor_id" text NOT NULL,
	"on_behalf_of" text,
	"at" timestamp with time zone NOT NULL,
	"comment" text,
	"detail" text
);
--> statement-breakpoint
CREATE TABLE "approval_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" text NOT NULL,
	"requester_id" text NOT NULL,
	"status" text NOT NULL,
	"round" integer NOT NULL,
	"version" integer NOT NULL,
	"current_step" integer,
	"has_budget" boolean NOT NULL,
	"fields" jsonb NOT NULL,
	"summary" jsonb NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "approval_steps" (
	"request_id" text NOT NULL,
	"idx" integer NOT NULL,
	"round" integer NOT NULL,
	"tier" text NOT NULL,
	"approver_id" text,
	"status" text NOT NULL,
	"activated_at" timestamp with time zone,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"comment" text,
	"skip_reason" text,
	"escalated_from" text,
	"escalated_to" text,
	"transferred_to" text,
	CONSTRAINT "approval_steps_request_id_idx_pk" PRIMARY KEY("request_id","idx")
);
--> statement-breakpoint
CREATE TABLE "small_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"requester_id" text NOT NULL,
	"data" jsonb NOT NULL,
	"approval_id" text NOT NULL,
	"form_message_id" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trips" (
	"id" text PRIMARY KEY NOT NULL,
	"request_id" text NOT NULL,
	"traveller_id" text NOT NULL,
	"from_date" date NOT NULL,
	"to_date" date NOT NULL,
	"destinations" text NOT NULL,
	"purpose" text,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "trips_request_id_unique" UNIQUE("request_id")
);
--> statement-breakpoint
CREATE INDEX "approval_audit_request_idx" ON "approval_audit" USING btree ("request_id","id");--> statement-breakpoint
CREATE INDEX "approval_requests_requester_idx" ON "approval_requests" USING btree ("requester_id","updated_at");--> statement-breakpoint
CREATE INDEX "approval_requests_subject_idx" ON "approval_requests" USING btree ("subject_type","subject_id");--> statement-breakpoint
CREATE INDEX "approval_steps_approver_idx" ON "approval_steps" USING btree ("approver_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "small_requests_form_message_idx" ON "small_requests" USING btree ("form_message_id");--> statement-breakpoint
CREATE INDEX "small_requests_requester_idx" ON "small_requests" USING btree ("requester_id");--> statement-breakpoint
CREATE INDEX "trips_traveller_idx" ON "trips" USING btree ("traveller_id","from_date");