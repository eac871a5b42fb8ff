"""What each candidate would cost: right-sizing a workload from its linked VMs, and a monthly estimate per candidate
from a stored price sheet, with its assumptions in words.

``price_book`` indexes a sheet's prices for the lookups the estimates make; ``sizing`` turns the linked VMs'
sizes (and utilization, where the canonical CSV has it) into the vCPUs and memory each needs; ``estimate`` prices
every candidate of a record by the method ``knowledge/costs.yaml`` gives it; ``freezing`` decides whether a
record shows the estimate frozen into it or one computed now. Nothing here reads the store or imports Streamlit.
"""
