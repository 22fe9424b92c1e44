/* The metric dictionary on the broker: metric list and metric show, each
 * entry with its normal band read from the stored 15-minute intervals on the
 * read pool. */
#ifndef HL_METRIC_H
#define HL_METRIC_H

#include "broker.h"

/* The module (module.h): requests metric list and metric show. */
extern const hl_module hl_mod_metric;

#endif
