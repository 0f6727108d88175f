ALTER TABLE "small_requests" ADD COLUMN "returned_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "small_requests" ADD COLUMN "returned_by" text;--> statement-breakpoint
ALTER TABLE "trips" ADD COLUMN "customer_ids" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "trips" ADD COLUMN "planned_to_date" date;--> statement-breakpoint
ALTER TABLE "trips" ADD COLUMN "change_reason" text;--> statement-breakpoint
ALTER TABLE "trips" ADD COLUMN "updated_at" timestamp with time zone;