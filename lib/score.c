/* placeholder: being written */
typedef int dii_placeholder_score;
