"""Group check-ins, transport-neutral: facilitators ask, members answer, the group sees a
summary with a chart. Templates are data (flows/checkins/); state is in the store."""
