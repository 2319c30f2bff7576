// The bench's raw SQL for a ticket summary, shared by the read cases and the list screen's cases.
/** A summary row as the service returns it, hand-written: the ticket, its category, customer, assignee and SLA row. */
export const SUMMARY = `t.id, t.code, t.title, t.status, t.priority, t.created_at, t.updated_at, t.version,
  cat.id AS category_id, cat.name AS category_name, c.id AS customer_id, c.name AS customer_name,
  a.id AS assignee_id, a.full_name AS assignee_full_name, a.username AS assignee_username,
  sla.sort_due AS sla_sort_due, sla.next_kind AS sla_next_kind, sla.next_target AS sla_next_target,
  sla.next_elapsed_ms AS sla_next_elapsed_ms, sla.next_since AS sla_next_since, sla.next_risk_at AS sla_next_risk_at,
  sla.next_outcome AS sla_next_outcome
  FROM tickets t LEFT JOIN ticket_categories cat ON cat.id = t.category_id
  LEFT JOIN customers c ON c.id = t.customer_id LEFT JOIN users a ON a.id = t.assigned_to_id
  LEFT JOIN ticket_sla sla ON sla.ticket_id = t.id`;
