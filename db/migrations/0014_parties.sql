ALTER TABLE "small_requests" ALTER COLUMN "approval_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "small_requests" ADD COLUMN "limit_fen" integer;--> statement-breakpoint
ALTER TABLE "small_requests" ADD COLUMN "over_limit_fen" integer;--> statement-breakpoint
ALTER TABLE "small_requests" ADD COLUMN "outcome" text;--> statement-breakpoint
ALTER TABLE "small_requests" ADD COLUMN "recorded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "high_value_crossed_at" timestamp with time zone;