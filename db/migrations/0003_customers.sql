CREATE TABLE "customer_archive_counters" (
	"year" integer PRIMARY KEY NOT NULL,
	"last_seq" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_category_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"category" text NOT NULL,
	"set" boolean NOT NULL,
	"reason" text NOT NULL,
	"actor_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_complaints" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"received_on" date NOT NULL,
	"valid" boolean NOT NULL,
	"cause" text NOT NULL,
	"description" text,
	"recorded_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_field_asks" (
	"customer_id" text NOT NULL,
	"field" text NOT NULL,
	"owner_id" text NOT NULL,
	"asked_by" text NOT NULL,
	"asked_at" timestamp with time zone NOT NULL,
	CONSTRAINT "customer_field_asks_customer_id_field_pk" PRIMARY KEY("customer_id","field")
);
--> statement-breakpoint
CREATE TABLE "customer_questions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"question" text NOT NULL,
	"asked_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone,
	"answer" text,
	"recorded_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_research" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"kind" text NOT NULL,
	"body" text,
	"message_id" text,
	"file_key" text,
	"file_name" text,
	"added_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_stage_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"from_stage" text NOT NULL,
	"to_stage" text NOT NULL,
	"screening" text,
	"reason" text,
	"actor_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_transactions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"number" text,
	"date" date NOT NULL,
	"place" text,
	"amount_fen" bigint NOT NULL,
	"responsible_id" text,
	"breach" boolean DEFAULT false NOT NULL,
	"note" text,
	"recorded_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customers" (
	"id" text PRIMARY KEY NOT NULL,
	"archive_no" text NOT NULL,
	"archive_year" integer NOT NULL,
	"archive_seq" integer NOT NULL,
	"created_on" date NOT NULL,
	"name" text NOT NULL,
	"core_name" text NOT NULL,
	"owner_id" text,
	"stage" text DEFAULT 'prospect' NOT NULL,
	"screening" text,
	"categories" text[] DEFAULT '{}' NOT NULL,
	"archive" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "customers_archive_no_unique" UNIQUE("archive_no")
);
--> statement-breakpoint
CREATE TABLE "development_plans" (
	"id" text PRIMARY KEY NOT NULL,
	"request_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"requester_id" text NOT NULL,
	"plan" jsonb NOT NULL,
	"form_message_id" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "development_plans_request_id_unique" UNIQUE("request_id"),
	CONSTRAINT "development_plans_form_message_id_unique" UNIQUE("form_message_id")
);
--> statement-breakpoint
CREATE INDEX "customer_category_history_customer_idx" ON "customer_category_history" USING btree ("customer_id","at");--> statement-breakpoint
CREATE INDEX "customer_complaints_customer_idx" ON "customer_complaints" USING btree ("customer_id","received_on");--> statement-breakpoint
CREATE INDEX "customer_questions_customer_idx" ON "customer_questions" USING btree ("customer_id","asked_at");--> statement-breakpoint
CREATE INDEX "customer_research_customer_idx" ON "customer_research" USING btree ("customer_id","created_at");--> statement-breakpoint
CREATE INDEX "customer_stage_history_customer_idx" ON "customer_stage_history" USING btree ("customer_id","at");--> statement-breakpoint
CREATE INDEX "customer_transactions_customer_idx" ON "customer_transactions" USING btree ("customer_id","date");--> statement-breakpoint
CREATE UNIQUE INDEX "customers_archive_year_seq" ON "customers" USING btree ("archive_year","archive_seq");--> statement-breakpoint
CREATE INDEX "customers_core_name_idx" ON "customers" USING btree ("core_name");--> statement-breakpoint
CREATE INDEX "customers_owner_idx" ON "customers" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "development_plans_customer_idx" ON "development_plans" USING btree ("customer_id");