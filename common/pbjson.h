/* Any protobuf-c message as JSON, driven by its descriptor. */
#ifndef HL_PBJSON_H
#define HL_PBJSON_H

#include <cjson/cJSON.h>
#include <protobuf-c/protobuf-c.h>

/* Builds a JSON object with a member per set field (proto3 defaults left
 * out, except where `all` is set); enums as their names without the type
 * prefix, in lower case; bytes as hex; 64-bit integers as numbers. Returns
 * NULL when memory runs out. The caller frees with cJSON_Delete. */
cJSON *hl_pbjson_from(const ProtobufCMessage *m, int all);

#endif
