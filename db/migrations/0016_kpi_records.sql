CREATE TABLE "customer_feedback" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"body" text NOT NULL,
	"raised_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"standard_hours" integer NOT NULL,
	"given_at" timestamp with time zone,
	"given_by" text,
	"reply" text,
	"recorded_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "development_targets" (
	"specialist_id" text NOT NULL,
	"period_key" text NOT NULL,
	"planned_new" integer NOT NULL,
	"set_by" text NOT NULL,
	"set_at" timestamp with time zone NOT NULL,
	CONSTRAINT "development_targets_specialist_id_period_key_pk" PRIMARY KEY("specialist_id","period_key")
);
--> statement-breakpoint
CREATE TABLE "service_budgets" (
	"year" integer NOT NULL,
	"scope_kind" text NOT NULL,
	"scope_id" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"set_by" text NOT NULL,
	"set_at" timestamp with time zone NOT NULL,
	CONSTRAINT "service_budgets_year_scope_kind_scope_id_pk" PRIMARY KEY("year","scope_kind","scope_id")
);
--> statement-breakpoint
ALTER TABLE "customer_complaints" ADD COLUMN "staff_id" text;--> statement-breakpoint
-- Questions recorded before the setting existed were judged against 24 hours: keep that as their due.
ALTER TABLE "customer_questions" ADD COLUMN "due_at" timestamp with time zone;--> statement-breakpoint
UPDATE "customer_questions" SET "due_at" = "asked_at" + interval '24 hours';--> statement-breakpoint
ALTER TABLE "customer_questions" ALTER COLUMN "due_at" SET NOT NULL;--> statement-breakpoint
CREATE INDEX "customer_feedback_customer_idx" ON "customer_feedback" USING btree ("customer_id","raised_at");--> statement-breakpoint
CREATE INDEX "customer_feedback_raised_idx" ON "customer_feedback" USING btree ("raised_at");--> statement-breakpoint
CREATE INDEX "development_targets_period_idx" ON "development_targets" USING btree ("period_key");