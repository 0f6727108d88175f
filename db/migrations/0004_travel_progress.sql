CREATE TABLE "check_ins" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"member_id" text NOT NULL,
	"trip_id" text,
	"day" date NOT NULL,
	"place" text NOT NULL,
	"source" text NOT NULL,
	"longitude" double precision,
	"latitude" double precision,
	"message_id" text,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "check_ins_message_id_unique" UNIQUE("message_id")
);
--> statement-breakpoint
CREATE TABLE "progress_reports" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"plan_id" text NOT NULL,
	"owner_id" text NOT NULL,
	"body" text NOT NULL,
	"source" text NOT NULL,
	"obligation_id" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "check_ins_member_day_idx" ON "check_ins" USING btree ("member_id","day");--> statement-breakpoint
CREATE INDEX "progress_reports_customer_idx" ON "progress_reports" USING btree ("customer_id","created_at");