CREATE TABLE "lark_api_calls" (
	"month" text NOT NULL,
	"api" text NOT NULL,
	"calls" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lark_api_calls_month_api_pk" PRIMARY KEY("month","api")
);
--> statement-breakpoint
CREATE TABLE "lark_budget_alerts" (
	"month" text NOT NULL,
	"level" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "lark_budget_alerts_month_level_pk" PRIMARY KEY("month","level")
);
