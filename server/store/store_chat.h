/* The conversation's stored domains in one include: queues, agents,
 * customers, contacts, their lines and left messages. */
#ifndef HL_STORE_CHAT_H
#define HL_STORE_CHAT_H

#include "store.h"
#include "store_agent.h"
#include "store_contact.h"
#include "store_customer.h"
#include "store_left_message.h"
#include "store_message.h"
#include "store_queue.h"

#endif
