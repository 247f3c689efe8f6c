/* registry.c: the one list of record types (schema.h). */
#include <string.h>
#include "record.h"

/* the order the store creates their tables in: referred-to types first */
const struct vk_entity *const vk_record_types[] = {
	&vk_entity_stakeholder, &vk_entity_engagement, &vk_entity_input,
	&vk_entity_milestone, &vk_entity_theme, &vk_entity_goal, &vk_entity_trial,
	&vk_entity_learning, &vk_entity_measurement, NULL
};
