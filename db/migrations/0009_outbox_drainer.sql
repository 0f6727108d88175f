CREATE TABLE "outbox_drainer" (
	"id" text PRIMARY KEY NOT NULL,
	"holder" text,
	"expires_at" timestamp with time zone NOT NULL,
	"wanted" boolean DEFAULT false NOT NULL,
	"limiter" jsonb,
	"saved_at" timestamp with time zone
);
