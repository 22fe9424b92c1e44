/* Messages left outside business hours: one row each. */
#include "store_left_message.h"

#include "store_row.h"

int hl_store_left_message_insert(hl_store *st, int64_t customer_id, const char *item,
				 const char *name, const char *contact, const char *text,
				 int64_t now, int64_t *id)
{
	int rc = hl_store_exec(st, "INSERT INTO left_message(customer_id,item,name,contact,text,"
		"created_ms) VALUES(?,?,?,?,?,?)", "lttttl", customer_id, item, name, contact,
		text, now);

	if (rc == 0)
		*id = hl_store_last_id(st);
	return rc;
}
