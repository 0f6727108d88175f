CREATE TABLE "customer_owner_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"owner_id" text NOT NULL,
	"from_at" timestamp with time zone NOT NULL,
	"to_at" timestamp with time zone,
	"via" text NOT NULL,
	"actor_id" text,
	"reason" text
);
--> statement-breakpoint
CREATE TABLE "sales_target_changes" (
	"id" text PRIMARY KEY NOT NULL,
	"target_id" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"from_fen" bigint NOT NULL,
	"reason" text NOT NULL,
	"requested_by" text NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"approval_id" text,
	"form_message_id" text,
	CONSTRAINT "sales_target_changes_form_message_id_unique" UNIQUE("form_message_id")
);
--> statement-breakpoint
CREATE TABLE "sales_target_versions" (
	"target_id" text NOT NULL,
	"version" integer NOT NULL,
	"amount_fen" bigint NOT NULL,
	"set_by" text NOT NULL,
	"set_at" timestamp with time zone NOT NULL,
	"reason" text,
	"via" text NOT NULL,
	"change_id" text,
	"approved_by" text,
	CONSTRAINT "sales_target_versions_target_id_version_pk" PRIMARY KEY("target_id","version")
);
--> statement-breakpoint
CREATE TABLE "sales_targets" (
	"id" text PRIMARY KEY NOT NULL,
	"key_id" text NOT NULL,
	"specialist_id" text NOT NULL,
	"period_key" text NOT NULL,
	"region" text,
	"product" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "sales_targets_key_id_unique" UNIQUE("key_id")
);
--> statement-breakpoint
CREATE INDEX "customer_owner_history_customer_idx" ON "customer_owner_history" USING btree ("customer_id","from_at");--> statement-breakpoint
CREATE UNIQUE INDEX "customer_owner_history_open_idx" ON "customer_owner_history" USING btree ("customer_id") WHERE "customer_owner_history"."to_at" is null;--> statement-breakpoint
CREATE INDEX "customer_owner_history_owner_idx" ON "customer_owner_history" USING btree ("owner_id","from_at");--> statement-breakpoint
CREATE INDEX "sales_target_changes_target_idx" ON "sales_target_changes" USING btree ("target_id");--> statement-breakpoint
CREATE INDEX "sales_target_changes_approval_idx" ON "sales_target_changes" USING btree ("approval_id");--> statement-breakpoint
CREATE INDEX "sales_targets_period_idx" ON "sales_targets" USING btree ("period_key","specialist_id");--> statement-breakpoint
CREATE INDEX "obligations_kind_due_idx" ON "obligations" USING btree ("kind","due_at");--> statement-breakpoint
CREATE INDEX "customer_questions_asked_idx" ON "customer_questions" USING btree ("asked_at");--> statement-breakpoint
CREATE INDEX "customer_stage_history_stage_idx" ON "customer_stage_history" USING btree ("to_stage","at");--> statement-breakpoint
CREATE INDEX "customer_transactions_date_idx" ON "customer_transactions" USING btree ("date");--> statement-breakpoint
-- Backfill the ownership history from what is known: each customer's owner at creation (the
-- first recorded change's "from", else today's owner) and every audited owner change since.
-- Spans of no length (created and assigned in one go) and spans of nobody are left out.
INSERT INTO "customer_owner_history" ("customer_id", "owner_id", "from_at", "to_at", "via", "actor_id", "reason")
SELECT "customer_id", "owner_id", "at", "next_at", CASE WHEN "ord" = 0 THEN 'backfill' ELSE "via" END, "actor_id", NULL
FROM (
  SELECT e.*, lead(e."at") OVER (PARTITION BY e."customer_id" ORDER BY e."at", e."ord") AS "next_at"
  FROM (
    SELECT c."id" AS "customer_id", c."created_at" AS "at", 0::bigint AS "ord", c."created_by" AS "actor_id", 'backfill' AS "via",
      coalesce((SELECT a."detail"->>'from' FROM "audit_log" a
                WHERE a."subject_type" = 'customer' AND a."subject_id" = c."id"
                  AND a."action" IN ('customer.owner_set', 'customer.owner_transfer', 'customer.owner_handover')
                ORDER BY a."at", a."id" LIMIT 1),
               CASE WHEN EXISTS (SELECT 1 FROM "audit_log" a WHERE a."subject_type" = 'customer' AND a."subject_id" = c."id"
                                   AND a."action" IN ('customer.owner_set', 'customer.owner_transfer', 'customer.owner_handover'))
                    THEN NULL ELSE c."owner_id" END) AS "owner_id"
    FROM "customers" c
    UNION ALL
    SELECT a."subject_id", a."at", a."id", a."actor_id", CASE WHEN a."action" = 'customer.owner_handover' THEN 'handover' ELSE 'assign' END, a."detail"->>'to'
    FROM "audit_log" a
    WHERE a."subject_type" = 'customer' AND a."action" IN ('customer.owner_set', 'customer.owner_transfer', 'customer.owner_handover')
      AND EXISTS (SELECT 1 FROM "customers" c WHERE c."id" = a."subject_id")
  ) e
) s
WHERE "owner_id" IS NOT NULL AND ("next_at" IS NULL OR "next_at" > "at");
