--
-- PostgreSQL database dump
--

\restrict HOBCRyEwjwPIEsbMOKfHdJwIafGfV7a1PNGIiufQt1NN0CHPbajuO4tggtzOg3t

-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: legacy_schema3; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA legacy_schema3;


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: estates; Type: TABLE; Schema: legacy_schema3; Owner: -
--

CREATE TABLE legacy_schema3.estates (
    id integer NOT NULL,
    name text NOT NULL,
    name_key text NOT NULL,
    created_at timestamp with time zone NOT NULL
);


--
-- Name: estates_id_seq; Type: SEQUENCE; Schema: legacy_schema3; Owner: -
--

CREATE SEQUENCE legacy_schema3.estates_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: estates_id_seq; Type: SEQUENCE OWNED BY; Schema: legacy_schema3; Owner: -
--

ALTER SEQUENCE legacy_schema3.estates_id_seq OWNED BY legacy_schema3.estates.id;


--
-- Name: inventory_imports; Type: TABLE; Schema: legacy_schema3; Owner: -
--

CREATE TABLE legacy_schema3.inventory_imports (
    id integer NOT NULL,
    estate_id integer NOT NULL,
    imported_at timestamp with time zone NOT NULL,
    author text NOT NULL,
    files text NOT NULL,
    formats text NOT NULL,
    rows_read integer NOT NULL,
    rows_skipped integer NOT NULL,
    vm_count integer NOT NULL,
    problem_count integer NOT NULL,
    problems text NOT NULL,
    missing_columns text NOT NULL,
    extra_columns text NOT NULL,
    verdict_counts text NOT NULL,
    summary text NOT NULL,
    units text NOT NULL,
    vnet_file text,
    vnet_facts text
);


--
-- Name: COLUMN inventory_imports.files; Type: COMMENT; Schema: legacy_schema3; Owner: -
--

COMMENT ON COLUMN legacy_schema3.inventory_imports.files IS 'JSON list of the file names, in reading order';


--
-- Name: COLUMN inventory_imports.formats; Type: COMMENT; Schema: legacy_schema3; Owner: -
--

COMMENT ON COLUMN legacy_schema3.inventory_imports.formats IS 'JSON list: the detected format of each file';


--
-- Name: COLUMN inventory_imports.problems; Type: COMMENT; Schema: legacy_schema3; Owner: -
--

COMMENT ON COLUMN legacy_schema3.inventory_imports.problems IS 'JSON list of problem lines, the first 1000';


--
-- Name: COLUMN inventory_imports.extra_columns; Type: COMMENT; Schema: legacy_schema3; Owner: -
--

COMMENT ON COLUMN legacy_schema3.inventory_imports.extra_columns IS 'JSON list: the extra source columns, in frame order';


--
-- Name: COLUMN inventory_imports.summary; Type: COMMENT; Schema: legacy_schema3; Owner: -
--

COMMENT ON COLUMN legacy_schema3.inventory_imports.summary IS 'JSON of TriageResult.summary()';


--
-- Name: COLUMN inventory_imports.units; Type: COMMENT; Schema: legacy_schema3; Owner: -
--

COMMENT ON COLUMN legacy_schema3.inventory_imports.units IS 'JSON list of UnitResult.to_dict()';


--
-- Name: COLUMN inventory_imports.vnet_facts; Type: COMMENT; Schema: legacy_schema3; Owner: -
--

COMMENT ON COLUMN legacy_schema3.inventory_imports.vnet_facts IS 'JSON records of the VNet facts frame; NULL without one';


--
-- Name: inventory_imports_id_seq; Type: SEQUENCE; Schema: legacy_schema3; Owner: -
--

CREATE SEQUENCE legacy_schema3.inventory_imports_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: inventory_imports_id_seq; Type: SEQUENCE OWNED BY; Schema: legacy_schema3; Owner: -
--

ALTER SEQUENCE legacy_schema3.inventory_imports_id_seq OWNED BY legacy_schema3.inventory_imports.id;


--
-- Name: inventory_vms; Type: TABLE; Schema: legacy_schema3; Owner: -
--

CREATE TABLE legacy_schema3.inventory_vms (
    import_id integer NOT NULL,
    "position" integer NOT NULL,
    subscription_id text,
    cloud_service text NOT NULL,
    vm_name text NOT NULL,
    vnet text,
    size text,
    os_type text,
    verdict character varying(30) NOT NULL,
    rules text NOT NULL,
    unknown_fields text NOT NULL,
    arm_size text,
    unit text NOT NULL,
    unit_kind character varying(20) NOT NULL,
    canonical text NOT NULL
);


--
-- Name: COLUMN inventory_vms."position"; Type: COMMENT; Schema: legacy_schema3; Owner: -
--

COMMENT ON COLUMN legacy_schema3.inventory_vms."position" IS 'the row of the canonical frame, from 0';


--
-- Name: COLUMN inventory_vms.canonical; Type: COMMENT; Schema: legacy_schema3; Owner: -
--

COMMENT ON COLUMN legacy_schema3.inventory_vms.canonical IS 'JSON object: every canonical and extra field, null = <NA>';


--
-- Name: profiles; Type: TABLE; Schema: legacy_schema3; Owner: -
--

CREATE TABLE legacy_schema3.profiles (
    id integer NOT NULL,
    name text NOT NULL,
    name_key text NOT NULL,
    yaml text NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    author text NOT NULL
);


--
-- Name: COLUMN profiles.yaml; Type: COMMENT; Schema: legacy_schema3; Owner: -
--

COMMENT ON COLUMN legacy_schema3.profiles.yaml IS 'the AnswerProfile as a YAML mapping';


--
-- Name: profiles_id_seq; Type: SEQUENCE; Schema: legacy_schema3; Owner: -
--

CREATE SEQUENCE legacy_schema3.profiles_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: profiles_id_seq; Type: SEQUENCE OWNED BY; Schema: legacy_schema3; Owner: -
--

ALTER SEQUENCE legacy_schema3.profiles_id_seq OWNED BY legacy_schema3.profiles.id;


--
-- Name: record_versions; Type: TABLE; Schema: legacy_schema3; Owner: -
--

CREATE TABLE legacy_schema3.record_versions (
    id integer NOT NULL,
    workload_id integer NOT NULL,
    version integer NOT NULL,
    status character varying(20) NOT NULL,
    walk_status character varying(20) NOT NULL,
    service character varying(200),
    knowledge_version character varying(200) NOT NULL,
    author text NOT NULL,
    created_at timestamp with time zone NOT NULL,
    session_id integer,
    payload text NOT NULL
);


--
-- Name: COLUMN record_versions.service; Type: COMMENT; Schema: legacy_schema3; Owner: -
--

COMMENT ON COLUMN legacy_schema3.record_versions.service IS 'the chosen service: the override''s, else the tree''s';


--
-- Name: record_versions_id_seq; Type: SEQUENCE; Schema: legacy_schema3; Owner: -
--

CREATE SEQUENCE legacy_schema3.record_versions_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: record_versions_id_seq; Type: SEQUENCE OWNED BY; Schema: legacy_schema3; Owner: -
--

ALTER SEQUENCE legacy_schema3.record_versions_id_seq OWNED BY legacy_schema3.record_versions.id;


--
-- Name: review_sessions; Type: TABLE; Schema: legacy_schema3; Owner: -
--

CREATE TABLE legacy_schema3.review_sessions (
    id integer NOT NULL,
    title text NOT NULL,
    date date NOT NULL,
    status character varying(10) NOT NULL,
    created_by text NOT NULL,
    created_at timestamp with time zone NOT NULL,
    closed_at timestamp with time zone,
    closed_by text
);


--
-- Name: COLUMN review_sessions.status; Type: COMMENT; Schema: legacy_schema3; Owner: -
--

COMMENT ON COLUMN legacy_schema3.review_sessions.status IS 'open or closed';


--
-- Name: review_sessions_id_seq; Type: SEQUENCE; Schema: legacy_schema3; Owner: -
--

CREATE SEQUENCE legacy_schema3.review_sessions_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: review_sessions_id_seq; Type: SEQUENCE OWNED BY; Schema: legacy_schema3; Owner: -
--

ALTER SEQUENCE legacy_schema3.review_sessions_id_seq OWNED BY legacy_schema3.review_sessions.id;


--
-- Name: schema_version; Type: TABLE; Schema: legacy_schema3; Owner: -
--

CREATE TABLE legacy_schema3.schema_version (
    id integer NOT NULL,
    version integer NOT NULL
);


--
-- Name: schema_version_id_seq; Type: SEQUENCE; Schema: legacy_schema3; Owner: -
--

CREATE SEQUENCE legacy_schema3.schema_version_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: schema_version_id_seq; Type: SEQUENCE OWNED BY; Schema: legacy_schema3; Owner: -
--

ALTER SEQUENCE legacy_schema3.schema_version_id_seq OWNED BY legacy_schema3.schema_version.id;


--
-- Name: session_attendees; Type: TABLE; Schema: legacy_schema3; Owner: -
--

CREATE TABLE legacy_schema3.session_attendees (
    session_id integer NOT NULL,
    "position" integer NOT NULL,
    name text NOT NULL,
    name_key text NOT NULL,
    role character varying(20) NOT NULL
);


--
-- Name: COLUMN session_attendees."position"; Type: COMMENT; Schema: legacy_schema3; Owner: -
--

COMMENT ON COLUMN legacy_schema3.session_attendees."position" IS 'the order attendees were given in, from 0';


--
-- Name: COLUMN session_attendees.role; Type: COMMENT; Schema: legacy_schema3; Owner: -
--

COMMENT ON COLUMN legacy_schema3.session_attendees.role IS 'decision_maker, consulted or informed';


--
-- Name: session_items; Type: TABLE; Schema: legacy_schema3; Owner: -
--

CREATE TABLE legacy_schema3.session_items (
    session_id integer NOT NULL,
    workload_id integer NOT NULL,
    "position" integer NOT NULL,
    base_version integer NOT NULL,
    notes text NOT NULL,
    outcome character varying(10),
    reason text NOT NULL,
    override_service character varying(200),
    signed_off_by text,
    signed_at timestamp with time zone,
    result_version integer
);


--
-- Name: COLUMN session_items."position"; Type: COMMENT; Schema: legacy_schema3; Owner: -
--

COMMENT ON COLUMN legacy_schema3.session_items."position" IS 'agenda order, from 0';


--
-- Name: COLUMN session_items.base_version; Type: COMMENT; Schema: legacy_schema3; Owner: -
--

COMMENT ON COLUMN legacy_schema3.session_items.base_version IS 'the record version the item was taken at';


--
-- Name: COLUMN session_items.outcome; Type: COMMENT; Schema: legacy_schema3; Owner: -
--

COMMENT ON COLUMN legacy_schema3.session_items.outcome IS 'accept, reject, override or defer; NULL until decided';


--
-- Name: COLUMN session_items.result_version; Type: COMMENT; Schema: legacy_schema3; Owner: -
--

COMMENT ON COLUMN legacy_schema3.session_items.result_version IS 'the record version the outcome created';


--
-- Name: workloads; Type: TABLE; Schema: legacy_schema3; Owner: -
--

CREATE TABLE legacy_schema3.workloads (
    id integer NOT NULL,
    name text NOT NULL,
    name_key text NOT NULL,
    owner text NOT NULL,
    context text NOT NULL,
    vm_links text NOT NULL,
    archived_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL
);


--
-- Name: workloads_id_seq; Type: SEQUENCE; Schema: legacy_schema3; Owner: -
--

CREATE SEQUENCE legacy_schema3.workloads_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: workloads_id_seq; Type: SEQUENCE OWNED BY; Schema: legacy_schema3; Owner: -
--

ALTER SEQUENCE legacy_schema3.workloads_id_seq OWNED BY legacy_schema3.workloads.id;


--
-- Name: estates id; Type: DEFAULT; Schema: legacy_schema3; Owner: -
--

ALTER TABLE ONLY legacy_schema3.estates ALTER COLUMN id SET DEFAULT nextval('legacy_schema3.estates_id_seq'::regclass);


--
-- Name: inventory_imports id; Type: DEFAULT; Schema: legacy_schema3; Owner: -
--

ALTER TABLE ONLY legacy_schema3.inventory_imports ALTER COLUMN id SET DEFAULT nextval('legacy_schema3.inventory_imports_id_seq'::regclass);


--
-- Name: profiles id; Type: DEFAULT; Schema: legacy_schema3; Owner: -
--

ALTER TABLE ONLY legacy_schema3.profiles ALTER COLUMN id SET DEFAULT nextval('legacy_schema3.profiles_id_seq'::regclass);


--
-- Name: record_versions id; Type: DEFAULT; Schema: legacy_schema3; Owner: -
--

ALTER TABLE ONLY legacy_schema3.record_versions ALTER COLUMN id SET DEFAULT nextval('legacy_schema3.record_versions_id_seq'::regclass);


--
-- Name: review_sessions id; Type: DEFAULT; Schema: legacy_schema3; Owner: -
--

ALTER TABLE ONLY legacy_schema3.review_sessions ALTER COLUMN id SET DEFAULT nextval('legacy_schema3.review_sessions_id_seq'::regclass);


--
-- Name: schema_version id; Type: DEFAULT; Schema: legacy_schema3; Owner: -
--

ALTER TABLE ONLY legacy_schema3.schema_version ALTER COLUMN id SET DEFAULT nextval('legacy_schema3.schema_version_id_seq'::regclass);


--
-- Name: workloads id; Type: DEFAULT; Schema: legacy_schema3; Owner: -
--

ALTER TABLE ONLY legacy_schema3.workloads ALTER COLUMN id SET DEFAULT nextval('legacy_schema3.workloads_id_seq'::regclass);


--
-- Data for Name: estates; Type: TABLE DATA; Schema: legacy_schema3; Owner: -
--

INSERT INTO legacy_schema3.estates VALUES (1, 'Contoso production', 'contoso production', '2026-12-06 04:12:55.51998+00');


--
-- Data for Name: inventory_imports; Type: TABLE DATA; Schema: legacy_schema3; Owner: -
--

INSERT INTO legacy_schema3.inventory_imports VALUES (1, 1, '2026-12-06 04:12:55.521306+00', 'Ann Lee', '["/tmp/tmpds92bg_6/first.csv"]', '["canonical_csv"]', 6, 0, 6, 0, '[]', '[]', '["owner"]', '{"tool_ready":0,"ready_with_conditions":4,"unknown":0,"not_supported":2}', '{"vms":6,"verdicts":{"tool_ready":0,"ready_with_conditions":4,"unknown":0,"not_supported":2},"units":3,"units_movable_whole":1,"top_blockers":[{"rule":"C3","title":"VM in a VNet but in no explicit subnet","verdict":"not_supported","vms":1},{"rule":"O13","title":"Disk blob name containing \"/\"","verdict":"not_supported","vms":1},{"rule":"F5","title":"VNet peering on the VNet","verdict":"ready_with_conditions","vms":4},{"rule":"C5","title":"XML extension on the VM (BGInfo 1.x, Visual Studio debugger, Web Deploy, remote debugging)","verdict":"ready_with_conditions","vms":3},{"rule":"C6","title":"Boot diagnostics on Premium storage","verdict":"ready_with_conditions","vms":2},{"rule":"C7","title":"Several availability sets, or mixed membership, in one cloud service","verdict":"ready_with_conditions","vms":2},{"rule":"C2","title":"VM attached to more than one subnet","verdict":"ready_with_conditions","vms":1},{"rule":"C9","title":"Azure Backup snapshot extension","verdict":"ready_with_conditions","vms":1},{"rule":"F3","title":"Endpoint ACLs on the VM","verdict":"ready_with_conditions","vms":1},{"rule":"F4","title":"Application Gateway in the VNet","verdict":"ready_with_conditions","vms":1}],"advisories":[{"rule":"F1","title":"Unattached classic disks","message":"Classic disk objects that no VM uses have no Resource Manager counterpart. They are not migrated as objects and vanish from the portal once their storage account moves; only the VHD blobs remain.","workaround":"Delete the classic disk objects before migrating their storage account (the blobs stay), then create Resource Manager or managed disks from the VHDs.","checkable_from_inventory":false},{"rule":"F2","title":"Classic VM images","message":"Classic OS and VM images are not migrated as images. Their VHD blobs move with the storage account, but the image definitions are gone.","workaround":"Remove the classic images (Remove-AzureVMImage) before migrating the storage account, then build Resource Manager images from the VHDs.","checkable_from_inventory":false},{"rule":"C1","title":"Role assignments on classic resources","message":"Resource IDs change from Microsoft.ClassicCompute to Microsoft.Compute during migration, so role assignments made on the classic resources do not apply to the migrated ones.","workaround":"Inventory the role assignments beforehand and grant them again on the migrated resources.","checkable_from_inventory":false},{"rule":"C4","title":"Alerts and autoscale settings on VMs","message":"The migration succeeds but silently discards alert rules and autoscale policies attached to the VMs.","workaround":"Record them before migrating and set them up again in Resource Manager afterwards.","checkable_from_inventory":false},{"rule":"O2","title":"ExpressRoute gateway linked to a circuit in another subscription","message":"An ExpressRoute gateway connected through authorization links to a circuit in a different subscription cannot be migrated without downtime.","workaround":"Delete the ExpressRoute gateway, migrate the VNet, then create the gateway and its connection again in Resource Manager, following the ExpressRoute migration steps.","checkable_from_inventory":false},{"rule":"O4","title":"Gateway connection in the disconnected state","message":"A VNet gateway connection that is disconnected makes Prepare fail. Validate does not check for it.","workaround":"Repair the connection or delete it before running Prepare.","checkable_from_inventory":false},{"rule":"O5","title":"Resource Manager quotas in the region","message":"Classic and Resource Manager quotas are counted separately. If the region''s Resource Manager quotas (cores, NICs, load balancers, public and static public IPs, NSGs, route tables, and others) are too small, Prepare fails.","workaround":"Check the Resource Manager usage in the same region and ask for higher quotas before starting. After a quota failure, abort, raise the quota and run Prepare again.","checkable_from_inventory":false},{"rule":"O9","title":"\"Fabric cluster does not exist\"","message":"A very recently created VM may sit on a cluster that is not yet enabled for Resource Manager, and the tool then refuses it with a \"fabric cluster does not exist\" error.","workaround":"Wait a few days and retry, or stop and deallocate the VM, migrate it, and start it again in Resource Manager.","checkable_from_inventory":false},{"rule":"O10","title":"Invalid load-balancer rules or private IP conflicts","message":"Load-balancer rules that are not valid across the deployment and VNet, or private IP addresses claimed by more than one stopped-deallocated VM of the VNet, make Prepare fail. Validate does not look for either.","workaround":"Correct the load-balancer rules or the conflicting addresses, then run Prepare again.","checkable_from_inventory":false},{"rule":"O12","title":"Data disk blob size differs from the VM model","message":"When a data disk''s VHD blob was resized without updating the VM, Validate warns and the migration carries on without stating a size for that disk.","workaround":"Detach the disk, set its size with Update-AzureDisk -ResizedSizeInGB, and attach it again before migrating.","checkable_from_inventory":false},{"rule":"O14","title":"Disk VHD deleted or unreachable","message":"If a VHD that a VM''s disk points to has been deleted or cannot be reached, validation fails with a storage exception for that disk.","workaround":"Make sure every disk''s media link points to an existing, reachable blob, then retry.","checkable_from_inventory":false},{"rule":"O15","title":"Deployment still in cluster scope","message":"A deployment that has not been updated since before regional-scope networking (2014) is still in cluster scope, and the tool refuses it.","workaround":"Make any update to the deployment, such as adding an endpoint or a data disk, which moves it to regional scope, then retry.","checkable_from_inventory":false},{"rule":"O16","title":"VNet created in the new portal","message":"A classic VNet created in the Azure portal has a longer real name of the form \"Group <resource group> <VNet name>\". Using the short name gets a \"virtual network does not exist\" error.","workaround":"Take the full VNet name from Get-AzureVnetSite or the classic CLI''s VNet list and use it in the migration commands.","checkable_from_inventory":false}]}', '[{"unit":"corpnet","kind":"vnet","verdict":"not_supported","can_move_whole":false,"vm_count":4,"counts":{"tool_ready":0,"ready_with_conditions":3,"unknown":0,"not_supported":1},"held_back_by":[{"vm_name":"sql01","cloud_service":"contoso-app","verdict":"not_supported","rules":["F5","C6","C7","O13"],"unknown_fields":[]}]},{"unit":"dmznet","kind":"vnet","verdict":"not_supported","can_move_whole":false,"vm_count":1,"counts":{"tool_ready":0,"ready_with_conditions":0,"unknown":0,"not_supported":1},"held_back_by":[{"vm_name":"lnx01","cloud_service":"contoso-lnx","verdict":"not_supported","rules":["F4","C3","O8"],"unknown_fields":[]}]},{"unit":"legacy-svc","kind":"cloud_service","verdict":"ready_with_conditions","can_move_whole":true,"vm_count":1,"counts":{"tool_ready":0,"ready_with_conditions":1,"unknown":0,"not_supported":0},"held_back_by":[]}]', '/work/wt/h12/tests/data/inventory/vnets.csv', '[{"vnet":"corpnet","has_app_gateway":false,"has_apim":false,"has_hdinsight":false,"has_app_service_environment":false,"has_dynamics_lcs":false,"has_web_worker_roles":false,"has_peering":true,"has_classic_expressroute":false,"gateways":"vpn"},{"vnet":"dmznet","has_app_gateway":true,"has_apim":null,"has_hdinsight":false,"has_app_service_environment":false,"has_dynamics_lcs":null,"has_web_worker_roles":false,"has_peering":false,"has_classic_expressroute":false,"gateways":null},{"vnet":"hubnet","has_app_gateway":false,"has_apim":false,"has_hdinsight":false,"has_app_service_environment":false,"has_dynamics_lcs":false,"has_web_worker_roles":false,"has_peering":false,"has_classic_expressroute":true,"gateways":"both"}]');
INSERT INTO legacy_schema3.inventory_imports VALUES (2, 1, '2026-12-06 04:12:55.622434+00', 'Bob', '["/work/wt/h12/tests/data/inventory/canonical.csv"]', '["canonical_csv"]', 8, 0, 8, 0, '[]', '[]', '["owner"]', '{"tool_ready":0,"ready_with_conditions":5,"unknown":0,"not_supported":3}', '{"vms":8,"verdicts":{"tool_ready":0,"ready_with_conditions":5,"unknown":0,"not_supported":3},"units":4,"units_movable_whole":2,"top_blockers":[{"rule":"C3","title":"VM in a VNet but in no explicit subnet","verdict":"not_supported","vms":1},{"rule":"O13","title":"Disk blob name containing \"/\"","verdict":"not_supported","vms":1},{"rule":"O7","title":"VM in \"provisioning timed out\" state","verdict":"not_supported","vms":1},{"rule":"F5","title":"VNet peering on the VNet","verdict":"ready_with_conditions","vms":4},{"rule":"C5","title":"XML extension on the VM (BGInfo 1.x, Visual Studio debugger, Web Deploy, remote debugging)","verdict":"ready_with_conditions","vms":3},{"rule":"C6","title":"Boot diagnostics on Premium storage","verdict":"ready_with_conditions","vms":2},{"rule":"C7","title":"Several availability sets, or mixed membership, in one cloud service","verdict":"ready_with_conditions","vms":2},{"rule":"F3","title":"Endpoint ACLs on the VM","verdict":"ready_with_conditions","vms":2},{"rule":"F4","title":"Application Gateway in the VNet","verdict":"ready_with_conditions","vms":2},{"rule":"O11","title":"VM not in a VNet","verdict":"ready_with_conditions","vms":2}],"advisories":[{"rule":"F1","title":"Unattached classic disks","message":"Classic disk objects that no VM uses have no Resource Manager counterpart. They are not migrated as objects and vanish from the portal once their storage account moves; only the VHD blobs remain.","workaround":"Delete the classic disk objects before migrating their storage account (the blobs stay), then create Resource Manager or managed disks from the VHDs.","checkable_from_inventory":false},{"rule":"F2","title":"Classic VM images","message":"Classic OS and VM images are not migrated as images. Their VHD blobs move with the storage account, but the image definitions are gone.","workaround":"Remove the classic images (Remove-AzureVMImage) before migrating the storage account, then build Resource Manager images from the VHDs.","checkable_from_inventory":false},{"rule":"C1","title":"Role assignments on classic resources","message":"Resource IDs change from Microsoft.ClassicCompute to Microsoft.Compute during migration, so role assignments made on the classic resources do not apply to the migrated ones.","workaround":"Inventory the role assignments beforehand and grant them again on the migrated resources.","checkable_from_inventory":false},{"rule":"C4","title":"Alerts and autoscale settings on VMs","message":"The migration succeeds but silently discards alert rules and autoscale policies attached to the VMs.","workaround":"Record them before migrating and set them up again in Resource Manager afterwards.","checkable_from_inventory":false},{"rule":"O2","title":"ExpressRoute gateway linked to a circuit in another subscription","message":"An ExpressRoute gateway connected through authorization links to a circuit in a different subscription cannot be migrated without downtime.","workaround":"Delete the ExpressRoute gateway, migrate the VNet, then create the gateway and its connection again in Resource Manager, following the ExpressRoute migration steps.","checkable_from_inventory":false},{"rule":"O4","title":"Gateway connection in the disconnected state","message":"A VNet gateway connection that is disconnected makes Prepare fail. Validate does not check for it.","workaround":"Repair the connection or delete it before running Prepare.","checkable_from_inventory":false},{"rule":"O5","title":"Resource Manager quotas in the region","message":"Classic and Resource Manager quotas are counted separately. If the region''s Resource Manager quotas (cores, NICs, load balancers, public and static public IPs, NSGs, route tables, and others) are too small, Prepare fails.","workaround":"Check the Resource Manager usage in the same region and ask for higher quotas before starting. After a quota failure, abort, raise the quota and run Prepare again.","checkable_from_inventory":false},{"rule":"O9","title":"\"Fabric cluster does not exist\"","message":"A very recently created VM may sit on a cluster that is not yet enabled for Resource Manager, and the tool then refuses it with a \"fabric cluster does not exist\" error.","workaround":"Wait a few days and retry, or stop and deallocate the VM, migrate it, and start it again in Resource Manager.","checkable_from_inventory":false},{"rule":"O10","title":"Invalid load-balancer rules or private IP conflicts","message":"Load-balancer rules that are not valid across the deployment and VNet, or private IP addresses claimed by more than one stopped-deallocated VM of the VNet, make Prepare fail. Validate does not look for either.","workaround":"Correct the load-balancer rules or the conflicting addresses, then run Prepare again.","checkable_from_inventory":false},{"rule":"O12","title":"Data disk blob size differs from the VM model","message":"When a data disk''s VHD blob was resized without updating the VM, Validate warns and the migration carries on without stating a size for that disk.","workaround":"Detach the disk, set its size with Update-AzureDisk -ResizedSizeInGB, and attach it again before migrating.","checkable_from_inventory":false},{"rule":"O14","title":"Disk VHD deleted or unreachable","message":"If a VHD that a VM''s disk points to has been deleted or cannot be reached, validation fails with a storage exception for that disk.","workaround":"Make sure every disk''s media link points to an existing, reachable blob, then retry.","checkable_from_inventory":false},{"rule":"O15","title":"Deployment still in cluster scope","message":"A deployment that has not been updated since before regional-scope networking (2014) is still in cluster scope, and the tool refuses it.","workaround":"Make any update to the deployment, such as adding an endpoint or a data disk, which moves it to regional scope, then retry.","checkable_from_inventory":false},{"rule":"O16","title":"VNet created in the new portal","message":"A classic VNet created in the Azure portal has a longer real name of the form \"Group <resource group> <VNet name>\". Using the short name gets a \"virtual network does not exist\" error.","workaround":"Take the full VNet name from Get-AzureVnetSite or the classic CLI''s VNet list and use it in the migration commands.","checkable_from_inventory":false}]}', '[{"unit":"contoso-batch","kind":"cloud_service","verdict":"ready_with_conditions","can_move_whole":true,"vm_count":1,"counts":{"tool_ready":0,"ready_with_conditions":1,"unknown":0,"not_supported":0},"held_back_by":[]},{"unit":"corpnet","kind":"vnet","verdict":"not_supported","can_move_whole":false,"vm_count":4,"counts":{"tool_ready":0,"ready_with_conditions":3,"unknown":0,"not_supported":1},"held_back_by":[{"vm_name":"sql01","cloud_service":"contoso-app","verdict":"not_supported","rules":["F5","C6","C7","O13"],"unknown_fields":[]}]},{"unit":"dmznet","kind":"vnet","verdict":"not_supported","can_move_whole":false,"vm_count":2,"counts":{"tool_ready":0,"ready_with_conditions":0,"unknown":0,"not_supported":2},"held_back_by":[{"vm_name":"lnx01","cloud_service":"contoso-lnx","verdict":"not_supported","rules":["F4","C3","O8"],"unknown_fields":[]},{"vm_name":"lnx02","cloud_service":"contoso-lnx","verdict":"not_supported","rules":["F3","F4","O7"],"unknown_fields":[]}]},{"unit":"legacy-svc","kind":"cloud_service","verdict":"ready_with_conditions","can_move_whole":true,"vm_count":1,"counts":{"tool_ready":0,"ready_with_conditions":1,"unknown":0,"not_supported":0},"held_back_by":[]}]', '/work/wt/h12/tests/data/inventory/vnets.csv', '[{"vnet":"corpnet","has_app_gateway":false,"has_apim":false,"has_hdinsight":false,"has_app_service_environment":false,"has_dynamics_lcs":false,"has_web_worker_roles":false,"has_peering":true,"has_classic_expressroute":false,"gateways":"vpn"},{"vnet":"dmznet","has_app_gateway":true,"has_apim":null,"has_hdinsight":false,"has_app_service_environment":false,"has_dynamics_lcs":null,"has_web_worker_roles":false,"has_peering":false,"has_classic_expressroute":false,"gateways":null},{"vnet":"hubnet","has_app_gateway":false,"has_apim":false,"has_hdinsight":false,"has_app_service_environment":false,"has_dynamics_lcs":false,"has_web_worker_roles":false,"has_peering":false,"has_classic_expressroute":true,"gateways":"both"}]');


--
-- Data for Name: inventory_vms; Type: TABLE DATA; Schema: legacy_schema3; Owner: -
--

INSERT INTO legacy_schema3.inventory_vms VALUES (1, 0, '3c5e2a7b-9f41-4d2e-8a6b-1f0c9d7e5a21', 'contoso-web', 'web01', 'corpnet', 'Standard_D2', 'Windows', 'ready_with_conditions', '["F5","C5"]', '[]', 'Standard_D2', 'corpnet', 'vnet', '{"subscription_id":"3c5e2a7b-9f41-4d2e-8a6b-1f0c9d7e5a21","cloud_service":"contoso-web","deployment":"contoso-web","vm_name":"web01","location":"eastus","size":"Standard_D2","os_type":"Windows","status":"ReadyRole","vnet":"corpnet","subnets":"web","availability_set":"web-as","endpoint_acls":false,"extensions":"BGInfo@1.*","os_disk_io_type":"Standard","boot_diagnostics":false,"agent_status":"Ready","disk_blob_names":"web01-os.vhd","owner":"web-team"}');
INSERT INTO legacy_schema3.inventory_vms VALUES (1, 1, '3c5e2a7b-9f41-4d2e-8a6b-1f0c9d7e5a21', 'contoso-web', 'web02', 'corpnet', 'Standard_D2', 'Windows', 'ready_with_conditions', '["F5","C5"]', '[]', 'Standard_D2', 'corpnet', 'vnet', '{"subscription_id":"3c5e2a7b-9f41-4d2e-8a6b-1f0c9d7e5a21","cloud_service":"contoso-web","deployment":"contoso-web","vm_name":"web02","location":"eastus","size":"Standard_D2","os_type":"Windows","status":"ReadyRole","vnet":"corpnet","subnets":"web","availability_set":"web-as","endpoint_acls":false,"extensions":"BGInfo@1.*;IaaSAntimalware@1.*","os_disk_io_type":"Standard","boot_diagnostics":false,"agent_status":"Ready","disk_blob_names":"web02-os.vhd;web02-data0.vhd","owner":"web-team"}');
INSERT INTO legacy_schema3.inventory_vms VALUES (1, 2, '3c5e2a7b-9f41-4d2e-8a6b-1f0c9d7e5a21', 'contoso-app', 'app01', 'corpnet', 'Standard_DS3', 'Windows', 'ready_with_conditions', '["F5","C2","C6","C7","C9"]', '[]', 'Standard_DS3', 'corpnet', 'vnet', '{"subscription_id":"3c5e2a7b-9f41-4d2e-8a6b-1f0c9d7e5a21","cloud_service":"contoso-app","deployment":"contoso-app-prod","vm_name":"app01","location":"eastus","size":"Standard_DS3","os_type":"Windows","status":"ReadyRole","vnet":"corpnet","subnets":"app;data","availability_set":"","endpoint_acls":false,"extensions":"VMSnapshot@1.0","os_disk_io_type":"Premium","boot_diagnostics":true,"agent_status":"Ready","disk_blob_names":"app01-os.vhd;app01-data0.vhd","owner":"app-team"}');
INSERT INTO legacy_schema3.inventory_vms VALUES (1, 3, '3c5e2a7b-9f41-4d2e-8a6b-1f0c9d7e5a21', 'contoso-app', 'sql01', 'corpnet', 'Standard_DS3', 'Windows', 'not_supported', '["F5","C6","C7","O13"]', '[]', 'Standard_DS3', 'corpnet', 'vnet', '{"subscription_id":"3c5e2a7b-9f41-4d2e-8a6b-1f0c9d7e5a21","cloud_service":"contoso-app","deployment":"contoso-app-prod","vm_name":"sql01","location":"eastus","size":"Standard_DS3","os_type":"Windows","status":"StoppedDeallocated","vnet":"corpnet","subnets":"data","availability_set":"sql-as","endpoint_acls":false,"extensions":"","os_disk_io_type":"Premium","boot_diagnostics":true,"agent_status":"NotReady","disk_blob_names":"backups/sql01-os.vhd","owner":"dba"}');
INSERT INTO legacy_schema3.inventory_vms VALUES (1, 4, '3c5e2a7b-9f41-4d2e-8a6b-1f0c9d7e5a21', 'legacy-svc', 'legacy01', '', 'Small', 'Windows', 'ready_with_conditions', '["F3","C5","O11"]', '[]', 'Standard_A1', 'legacy-svc', 'cloud_service', '{"subscription_id":"3c5e2a7b-9f41-4d2e-8a6b-1f0c9d7e5a21","cloud_service":"legacy-svc","deployment":"legacy-svc","vm_name":"legacy01","location":"westeurope","size":"Small","os_type":"Windows","status":"ReadyRole","vnet":"","subnets":"","availability_set":"","endpoint_acls":true,"extensions":"BGInfo@1.*","os_disk_io_type":"Standard","boot_diagnostics":false,"agent_status":"Ready","disk_blob_names":"legacy01-os.vhd","owner":""}');
INSERT INTO legacy_schema3.inventory_vms VALUES (1, 5, '3c5e2a7b-9f41-4d2e-8a6b-1f0c9d7e5a21', 'contoso-lnx', 'lnx01', 'dmznet', 'Medium', 'Linux', 'not_supported', '["F4","C3","O8"]', '[]', 'Standard_A2', 'dmznet', 'vnet', '{"subscription_id":"3c5e2a7b-9f41-4d2e-8a6b-1f0c9d7e5a21","cloud_service":"contoso-lnx","deployment":"contoso-lnx","vm_name":"lnx01","location":"eastus","size":"Medium","os_type":"Linux","status":"RoleStateUnknown","vnet":"dmznet","subnets":"","availability_set":"","endpoint_acls":false,"extensions":"LinuxDiagnostic@2.3","os_disk_io_type":"Standard","boot_diagnostics":false,"agent_status":"Ready","disk_blob_names":"lnx01-os.vhd","owner":"ops"}');
INSERT INTO legacy_schema3.inventory_vms VALUES (2, 0, '3c5e2a7b-9f41-4d2e-8a6b-1f0c9d7e5a21', 'contoso-web', 'web01', 'corpnet', 'Standard_D2', 'Windows', 'ready_with_conditions', '["F5","C5"]', '[]', 'Standard_D2', 'corpnet', 'vnet', '{"subscription_id":"3c5e2a7b-9f41-4d2e-8a6b-1f0c9d7e5a21","cloud_service":"contoso-web","deployment":"contoso-web","vm_name":"web01","location":"eastus","size":"Standard_D2","os_type":"Windows","status":"ReadyRole","vnet":"corpnet","subnets":"web","availability_set":"web-as","endpoint_acls":false,"extensions":"BGInfo@1.*","os_disk_io_type":"Standard","boot_diagnostics":false,"agent_status":"Ready","disk_blob_names":"web01-os.vhd","owner":"web-team"}');
INSERT INTO legacy_schema3.inventory_vms VALUES (2, 1, '3c5e2a7b-9f41-4d2e-8a6b-1f0c9d7e5a21', 'contoso-web', 'web02', 'corpnet', 'Standard_D2', 'Windows', 'ready_with_conditions', '["F5","C5"]', '[]', 'Standard_D2', 'corpnet', 'vnet', '{"subscription_id":"3c5e2a7b-9f41-4d2e-8a6b-1f0c9d7e5a21","cloud_service":"contoso-web","deployment":"contoso-web","vm_name":"web02","location":"eastus","size":"Standard_D2","os_type":"Windows","status":"ReadyRole","vnet":"corpnet","subnets":"web","availability_set":"web-as","endpoint_acls":false,"extensions":"BGInfo@1.*;IaaSAntimalware@1.*","os_disk_io_type":"Standard","boot_diagnostics":false,"agent_status":"Ready","disk_blob_names":"web02-os.vhd;web02-data0.vhd","owner":"web-team"}');
INSERT INTO legacy_schema3.inventory_vms VALUES (2, 2, '3c5e2a7b-9f41-4d2e-8a6b-1f0c9d7e5a21', 'contoso-app', 'app01', 'corpnet', 'Standard_DS3', 'Windows', 'ready_with_conditions', '["F5","C2","C6","C7","C9"]', '[]', 'Standard_DS3', 'corpnet', 'vnet', '{"subscription_id":"3c5e2a7b-9f41-4d2e-8a6b-1f0c9d7e5a21","cloud_service":"contoso-app","deployment":"contoso-app-prod","vm_name":"app01","location":"eastus","size":"Standard_DS3","os_type":"Windows","status":"ReadyRole","vnet":"corpnet","subnets":"app;data","availability_set":"","endpoint_acls":false,"extensions":"VMSnapshot@1.0","os_disk_io_type":"Premium","boot_diagnostics":true,"agent_status":"Ready","disk_blob_names":"app01-os.vhd;app01-data0.vhd","owner":"app-team"}');
INSERT INTO legacy_schema3.inventory_vms VALUES (2, 3, '3c5e2a7b-9f41-4d2e-8a6b-1f0c9d7e5a21', 'contoso-app', 'sql01', 'corpnet', 'Standard_DS3', 'Windows', 'not_supported', '["F5","C6","C7","O13"]', '[]', 'Standard_DS3', 'corpnet', 'vnet', '{"subscription_id":"3c5e2a7b-9f41-4d2e-8a6b-1f0c9d7e5a21","cloud_service":"contoso-app","deployment":"contoso-app-prod","vm_name":"sql01","location":"eastus","size":"Standard_DS3","os_type":"Windows","status":"StoppedDeallocated","vnet":"corpnet","subnets":"data","availability_set":"sql-as","endpoint_acls":false,"extensions":"","os_disk_io_type":"Premium","boot_diagnostics":true,"agent_status":"NotReady","disk_blob_names":"backups/sql01-os.vhd","owner":"dba"}');
INSERT INTO legacy_schema3.inventory_vms VALUES (2, 4, '3c5e2a7b-9f41-4d2e-8a6b-1f0c9d7e5a21', 'legacy-svc', 'legacy01', '', 'Small', 'Windows', 'ready_with_conditions', '["F3","C5","O11"]', '[]', 'Standard_A1', 'legacy-svc', 'cloud_service', '{"subscription_id":"3c5e2a7b-9f41-4d2e-8a6b-1f0c9d7e5a21","cloud_service":"legacy-svc","deployment":"legacy-svc","vm_name":"legacy01","location":"westeurope","size":"Small","os_type":"Windows","status":"ReadyRole","vnet":"","subnets":"","availability_set":"","endpoint_acls":true,"extensions":"BGInfo@1.*","os_disk_io_type":"Standard","boot_diagnostics":false,"agent_status":"Ready","disk_blob_names":"legacy01-os.vhd","owner":""}');
INSERT INTO legacy_schema3.inventory_vms VALUES (2, 5, '3c5e2a7b-9f41-4d2e-8a6b-1f0c9d7e5a21', 'contoso-lnx', 'lnx01', 'dmznet', 'Medium', 'Linux', 'not_supported', '["F4","C3","O8"]', '[]', 'Standard_A2', 'dmznet', 'vnet', '{"subscription_id":"3c5e2a7b-9f41-4d2e-8a6b-1f0c9d7e5a21","cloud_service":"contoso-lnx","deployment":"contoso-lnx","vm_name":"lnx01","location":"eastus","size":"Medium","os_type":"Linux","status":"RoleStateUnknown","vnet":"dmznet","subnets":"","availability_set":"","endpoint_acls":false,"extensions":"LinuxDiagnostic@2.3","os_disk_io_type":"Standard","boot_diagnostics":false,"agent_status":"Ready","disk_blob_names":"lnx01-os.vhd","owner":"ops"}');
INSERT INTO legacy_schema3.inventory_vms VALUES (2, 6, '3c5e2a7b-9f41-4d2e-8a6b-1f0c9d7e5a21', 'contoso-lnx', 'lnx02', 'dmznet', 'Medium', 'Linux', 'not_supported', '["F3","F4","O7"]', '[]', 'Standard_A2', 'dmznet', 'vnet', '{"subscription_id":"3c5e2a7b-9f41-4d2e-8a6b-1f0c9d7e5a21","cloud_service":"contoso-lnx","deployment":"contoso-lnx","vm_name":"lnx02","location":"eastus","size":"Medium","os_type":"Linux","status":"ProvisioningTimeout","vnet":"dmznet","subnets":"dmz","availability_set":"","endpoint_acls":true,"extensions":"","os_disk_io_type":"Standard","boot_diagnostics":null,"agent_status":null,"disk_blob_names":"lnx02-os.vhd","owner":"ops"}');
INSERT INTO legacy_schema3.inventory_vms VALUES (2, 7, '3c5e2a7b-9f41-4d2e-8a6b-1f0c9d7e5a21', 'contoso-batch', 'batch01', '', 'A5', 'Windows', 'ready_with_conditions', '["C8","O11"]', '[]', 'Standard_A5', 'contoso-batch', 'cloud_service', '{"subscription_id":"3c5e2a7b-9f41-4d2e-8a6b-1f0c9d7e5a21","cloud_service":"contoso-batch","deployment":"contoso-batch","vm_name":"batch01","location":"eastus","size":"A5","os_type":"Windows","status":"StoppedVM","vnet":"","subnets":"","availability_set":"","endpoint_acls":false,"extensions":"MicrosoftMonitoringAgent@1.0","os_disk_io_type":"Standard","boot_diagnostics":false,"agent_status":"Ready","disk_blob_names":"batch01-os.vhd","owner":"data-team"}');


--
-- Data for Name: profiles; Type: TABLE DATA; Schema: legacy_schema3; Owner: -
--

INSERT INTO legacy_schema3.profiles VALUES (1, 'Lift and shift, Windows', 'lift and shift, windows', 'description: no containers
answers:
  migration_approach: lift_and_shift
  cots: ''yes''
', '2026-12-06 04:12:55.69329+00', 'Ann Lee');
INSERT INTO legacy_schema3.profiles VALUES (2, 'Ünïcode & <markup>', 'ünïcode & <markup>', 'knowledge_version: compute-tree-2025
answers:
  gpu: required
', '2026-12-06 04:12:55.698296+00', 'Cy');


--
-- Data for Name: record_versions; Type: TABLE DATA; Schema: legacy_schema3; Owner: -
--

INSERT INTO legacy_schema3.record_versions VALUES (1, 1, 1, 'proposed', 'incomplete', NULL, 'compute-tree-2026', 'Bob', '2026-12-06 04:12:55.39729+00', NULL, '{"schema_version":1,"workload_id":1,"workload_name":"Payroll <b>EU</b>","version":1,"knowledge_version":"compute-tree-2026","answers":{"specialty_workload":{"answer":"none","note":"","source":"user"},"migrate_or_build":{"answer":"migrate","note":"","source":"user"},"migration_approach":{"answer":"lift_and_shift","note":"","source":"user"},"containerizable":{"answer":"no","note":"","source":"user"}},"walk_status":"incomplete","service":null,"next_question":"cots","path":[{"question":"specialty_workload","answer":"none","rationale":"Workloads without a specialty tie follow Microsoft''s general-purpose tree, which opens by asking whether you are moving something that exists or creating something new.","note":""},{"question":"migrate_or_build","answer":"migrate","rationale":"An application that already exists brings its own constraints, so before any service is weighed the tree asks how much you are prepared to change it during the move.","note":""},{"question":"migration_approach","answer":"lift_and_shift","rationale":"Moving the code mostly untouched keeps the choice close to today''s setup, so the next step tests whether the app can at least be packaged as a container image before falling back to server-style hosting.","note":""},{"question":"containerizable","answer":"no","rationale":"Without an image, what remains is a full server or a platform that hosts your source code, and which of the two is possible depends on whether you own that code, hence the off-the-shelf question next.","note":""}],"candidates":[{"service":"virtual-machines","fit":"unknown","reasons":["requirement operational_overhead is not answered yet","requirement peak_instances is not answered yet","requirement os_admin_skills is not answered yet","requirement deployment_slots is not answered yet"]},{"service":"vmware-solution","fit":"unknown","reasons":["requirement operational_overhead is not answered yet","requirement gpu is not answered yet","requirement os_admin_skills is not answered yet","requirement deployment_slots is not answered yet"]},{"service":"app-service","fit":"unknown","reasons":["requirement operational_overhead is not answered yet","requirement gpu is not answered yet","requirement peak_instances is not answered yet","requirement state is not answered yet","requirement long_running is not answered yet","requirement windows_dependencies is not answered yet"]},{"service":"batch","fit":"unknown","reasons":["requirement operational_overhead is not answered yet","requirement state is not answered yet","requirement deployment_slots is not answered yet","requirement multi_region is not answered yet"]},{"service":"functions","fit":"unknown","reasons":["requirement gpu is not answered yet","requirement peak_instances is not answered yet","requirement state is not answered yet","requirement long_running is not answered yet","requirement windows_dependencies is not answered yet"]},{"service":"container-instances","fit":"no_fit","reasons":["tree step containerizable = no: Tree step \"can it be containerized\" answered no: Container Instances runs nothing except container images."]},{"service":"self-managed-orchestration","fit":"no_fit","reasons":["tree step containerizable = no: Tree step \"can it be containerized\" answered no: a self-run Kubernetes, OpenShift or Tanzu cluster schedules containers and nothing else."]},{"service":"red-hat-openshift","fit":"no_fit","reasons":["tree step containerizable = no: Tree step \"can it be containerized\" answered no: Azure Red Hat OpenShift hosts container workloads only."]},{"service":"aks","fit":"no_fit","reasons":["tree step containerizable = no: Tree step \"can it be containerized\" answered no: AKS schedules container images, so the app would first have to become one."]},{"service":"container-apps","fit":"no_fit","reasons":["tree step containerizable = no: Tree step \"can it be containerized\" answered no: Container Apps deploys container images and nothing else."]}],"conditions":[],"conflicts":[],"best_alternative":null,"confidence":0.0,"unused_answers":[],"status":"proposed","override":null,"author":"Bob","created_at":"2026-12-06T04:12:55.397290Z","change":"save 1","supersedes_version":null,"session_id":null}');
INSERT INTO legacy_schema3.record_versions VALUES (2, 1, 2, 'proposed', 'complete', 'virtual-machines', 'compute-tree-2026', 'Cy', '2026-12-06 04:12:55.406196+00', NULL, '{"schema_version":1,"workload_id":1,"workload_name":"Payroll <b>EU</b>","version":2,"knowledge_version":"compute-tree-2026","answers":{"specialty_workload":{"answer":"none","note":"","source":"user"},"migrate_or_build":{"answer":"migrate","note":"","source":"user"},"migration_approach":{"answer":"lift_and_shift","note":"deadline: June","source":"user"},"containerizable":{"answer":"no","note":"","source":"user"},"cots":{"answer":"yes","note":"","source":"user"},"vmware":{"answer":"no","note":"","source":"user"}},"walk_status":"complete","service":"virtual-machines","next_question":null,"path":[{"question":"specialty_workload","answer":"none","rationale":"Workloads without a specialty tie follow Microsoft''s general-purpose tree, which opens by asking whether you are moving something that exists or creating something new.","note":""},{"question":"migrate_or_build","answer":"migrate","rationale":"An application that already exists brings its own constraints, so before any service is weighed the tree asks how much you are prepared to change it during the move.","note":""},{"question":"migration_approach","answer":"lift_and_shift","rationale":"Moving the code mostly untouched keeps the choice close to today''s setup, so the next step tests whether the app can at least be packaged as a container image before falling back to server-style hosting.","note":"deadline: June"},{"question":"containerizable","answer":"no","rationale":"Without an image, what remains is a full server or a platform that hosts your source code, and which of the two is possible depends on whether you own that code, hence the off-the-shelf question next.","note":""},{"question":"cots","answer":"yes","rationale":"A packaged product has to run wherever its vendor certifies it, which in practice means a complete server, so the only thing left to settle is whether that server is a VMware guest today.","note":""},{"question":"vmware","answer":"no","rationale":"A vendor package outside VMware simply needs an ordinary supported server, so the migrate branch ends at Virtual Machines and the vendor''s installation guide decides the size and image.","note":""}],"candidates":[{"service":"virtual-machines","fit":"unknown","reasons":["requirement operational_overhead is not answered yet","requirement peak_instances is not answered yet","requirement os_admin_skills is not answered yet","requirement deployment_slots is not answered yet"]},{"service":"vmware-solution","fit":"no_fit","reasons":["tree step vmware = no: Tree step \"VMware workload\" answered no: Azure VMware Solution exists to carry vSphere estates over unchanged, and this workload is not one."]},{"service":"app-service","fit":"no_fit","reasons":["tree step cots = yes: Tree step \"commercial off-the-shelf\" answered yes: a vendor package needs the server its vendor certifies, not a platform that hosts your own code."]},{"service":"batch","fit":"unknown","reasons":["requirement operational_overhead is not answered yet","requirement state is not answered yet","requirement deployment_slots is not answered yet","requirement multi_region is not answered yet"]},{"service":"functions","fit":"no_fit","reasons":["tree step cots = yes: Tree step \"commercial off-the-shelf\" answered yes: a packaged vendor application cannot be broken up into triggered functions."]},{"service":"container-instances","fit":"no_fit","reasons":["tree step containerizable = no: Tree step \"can it be containerized\" answered no: Container Instances runs nothing except container images."]},{"service":"self-managed-orchestration","fit":"no_fit","reasons":["tree step containerizable = no: Tree step \"can it be containerized\" answered no: a self-run Kubernetes, OpenShift or Tanzu cluster schedules containers and nothing else."]},{"service":"red-hat-openshift","fit":"no_fit","reasons":["tree step containerizable = no: Tree step \"can it be containerized\" answered no: Azure Red Hat OpenShift hosts container workloads only."]},{"service":"aks","fit":"no_fit","reasons":["tree step containerizable = no: Tree step \"can it be containerized\" answered no: AKS schedules container images, so the app would first have to become one."]},{"service":"container-apps","fit":"no_fit","reasons":["tree step containerizable = no: Tree step \"can it be containerized\" answered no: Container Apps deploys container images and nothing else."]}],"conditions":["Run at least two instances, in an availability set or across zones, to qualify for the stronger VM SLA; a lone VM is covered by a weaker one.","Patching, hardening, backup and monitoring of every VM stay with your team; the platform takes none of them over."],"conflicts":[],"best_alternative":null,"confidence":0.0,"unused_answers":[],"status":"proposed","override":null,"author":"Cy","created_at":"2026-12-06T04:12:55.406196Z","change":"save 2","supersedes_version":null,"session_id":null}');
INSERT INTO legacy_schema3.record_versions VALUES (3, 1, 3, 'accepted', 'complete', 'app-service', 'compute-tree-2026', 'Ann Lee', '2026-12-06 04:12:55.41241+00', NULL, '{"schema_version":1,"workload_id":1,"workload_name":"Payroll <b>EU</b>","version":3,"knowledge_version":"compute-tree-2026","answers":{"specialty_workload":{"answer":"none","note":"","source":"user"},"migrate_or_build":{"answer":"migrate","note":"","source":"user"},"migration_approach":{"answer":"lift_and_shift","note":"deadline: June","source":"user"},"containerizable":{"answer":"no","note":"","source":"user"},"cots":{"answer":"yes","note":"","source":"user"},"vmware":{"answer":"no","note":"","source":"user"},"gpu":{"answer":"not_required","note":"","source":"user"}},"walk_status":"complete","service":"virtual-machines","next_question":null,"path":[{"question":"specialty_workload","answer":"none","rationale":"Workloads without a specialty tie follow Microsoft''s general-purpose tree, which opens by asking whether you are moving something that exists or creating something new.","note":""},{"question":"migrate_or_build","answer":"migrate","rationale":"An application that already exists brings its own constraints, so before any service is weighed the tree asks how much you are prepared to change it during the move.","note":""},{"question":"migration_approach","answer":"lift_and_shift","rationale":"Moving the code mostly untouched keeps the choice close to today''s setup, so the next step tests whether the app can at least be packaged as a container image before falling back to server-style hosting.","note":"deadline: June"},{"question":"containerizable","answer":"no","rationale":"Without an image, what remains is a full server or a platform that hosts your source code, and which of the two is possible depends on whether you own that code, hence the off-the-shelf question next.","note":""},{"question":"cots","answer":"yes","rationale":"A packaged product has to run wherever its vendor certifies it, which in practice means a complete server, so the only thing left to settle is whether that server is a VMware guest today.","note":""},{"question":"vmware","answer":"no","rationale":"A vendor package outside VMware simply needs an ordinary supported server, so the migrate branch ends at Virtual Machines and the vendor''s installation guide decides the size and image.","note":""}],"candidates":[{"service":"virtual-machines","fit":"unknown","reasons":["requirement operational_overhead is not answered yet","requirement peak_instances is not answered yet","requirement os_admin_skills is not answered yet","requirement deployment_slots is not answered yet"]},{"service":"vmware-solution","fit":"no_fit","reasons":["tree step vmware = no: Tree step \"VMware workload\" answered no: Azure VMware Solution exists to carry vSphere estates over unchanged, and this workload is not one."]},{"service":"app-service","fit":"no_fit","reasons":["tree step cots = yes: Tree step \"commercial off-the-shelf\" answered yes: a vendor package needs the server its vendor certifies, not a platform that hosts your own code."]},{"service":"batch","fit":"unknown","reasons":["requirement operational_overhead is not answered yet","requirement state is not answered yet","requirement deployment_slots is not answered yet","requirement multi_region is not answered yet"]},{"service":"functions","fit":"no_fit","reasons":["tree step cots = yes: Tree step \"commercial off-the-shelf\" answered yes: a packaged vendor application cannot be broken up into triggered functions."]},{"service":"container-instances","fit":"no_fit","reasons":["tree step containerizable = no: Tree step \"can it be containerized\" answered no: Container Instances runs nothing except container images."]},{"service":"self-managed-orchestration","fit":"no_fit","reasons":["tree step containerizable = no: Tree step \"can it be containerized\" answered no: a self-run Kubernetes, OpenShift or Tanzu cluster schedules containers and nothing else."]},{"service":"red-hat-openshift","fit":"no_fit","reasons":["tree step containerizable = no: Tree step \"can it be containerized\" answered no: Azure Red Hat OpenShift hosts container workloads only."]},{"service":"aks","fit":"no_fit","reasons":["tree step containerizable = no: Tree step \"can it be containerized\" answered no: AKS schedules container images, so the app would first have to become one."]},{"service":"container-apps","fit":"no_fit","reasons":["tree step containerizable = no: Tree step \"can it be containerized\" answered no: Container Apps deploys container images and nothing else."]}],"conditions":["Run at least two instances, in an availability set or across zones, to qualify for the stronger VM SLA; a lone VM is covered by a weaker one.","Patching, hardening, backup and monitoring of every VM stay with your team; the platform takes none of them over."],"conflicts":[],"best_alternative":null,"confidence":0.083,"unused_answers":[],"status":"accepted","override":{"service":"app-service","reason":"the vendor supports App Service"},"author":"Ann Lee","created_at":"2026-12-06T04:12:55.412410Z","change":"save 3","supersedes_version":null,"session_id":null}');
INSERT INTO legacy_schema3.record_versions VALUES (4, 2, 1, 'proposed', 'incomplete', NULL, 'compute-tree-2026', 'Bob', '2026-12-06 04:12:55.417223+00', NULL, '{"schema_version":1,"workload_id":2,"workload_name":"Billing","version":1,"knowledge_version":"compute-tree-2026","answers":{"specialty_workload":{"answer":"none","note":"","source":"user"},"migrate_or_build":{"answer":"migrate","note":"","source":"user"},"migration_approach":{"answer":"lift_and_shift","note":"","source":"user"},"containerizable":{"answer":"no","note":"","source":"user"}},"walk_status":"incomplete","service":null,"next_question":"cots","path":[{"question":"specialty_workload","answer":"none","rationale":"Workloads without a specialty tie follow Microsoft''s general-purpose tree, which opens by asking whether you are moving something that exists or creating something new.","note":""},{"question":"migrate_or_build","answer":"migrate","rationale":"An application that already exists brings its own constraints, so before any service is weighed the tree asks how much you are prepared to change it during the move.","note":""},{"question":"migration_approach","answer":"lift_and_shift","rationale":"Moving the code mostly untouched keeps the choice close to today''s setup, so the next step tests whether the app can at least be packaged as a container image before falling back to server-style hosting.","note":""},{"question":"containerizable","answer":"no","rationale":"Without an image, what remains is a full server or a platform that hosts your source code, and which of the two is possible depends on whether you own that code, hence the off-the-shelf question next.","note":""}],"candidates":[{"service":"virtual-machines","fit":"unknown","reasons":["requirement operational_overhead is not answered yet","requirement peak_instances is not answered yet","requirement os_admin_skills is not answered yet","requirement deployment_slots is not answered yet"]},{"service":"vmware-solution","fit":"unknown","reasons":["requirement operational_overhead is not answered yet","requirement gpu is not answered yet","requirement os_admin_skills is not answered yet","requirement deployment_slots is not answered yet"]},{"service":"app-service","fit":"unknown","reasons":["requirement operational_overhead is not answered yet","requirement gpu is not answered yet","requirement peak_instances is not answered yet","requirement state is not answered yet","requirement long_running is not answered yet","requirement windows_dependencies is not answered yet"]},{"service":"batch","fit":"unknown","reasons":["requirement operational_overhead is not answered yet","requirement state is not answered yet","requirement deployment_slots is not answered yet","requirement multi_region is not answered yet"]},{"service":"functions","fit":"unknown","reasons":["requirement gpu is not answered yet","requirement peak_instances is not answered yet","requirement state is not answered yet","requirement long_running is not answered yet","requirement windows_dependencies is not answered yet"]},{"service":"container-instances","fit":"no_fit","reasons":["tree step containerizable = no: Tree step \"can it be containerized\" answered no: Container Instances runs nothing except container images."]},{"service":"self-managed-orchestration","fit":"no_fit","reasons":["tree step containerizable = no: Tree step \"can it be containerized\" answered no: a self-run Kubernetes, OpenShift or Tanzu cluster schedules containers and nothing else."]},{"service":"red-hat-openshift","fit":"no_fit","reasons":["tree step containerizable = no: Tree step \"can it be containerized\" answered no: Azure Red Hat OpenShift hosts container workloads only."]},{"service":"aks","fit":"no_fit","reasons":["tree step containerizable = no: Tree step \"can it be containerized\" answered no: AKS schedules container images, so the app would first have to become one."]},{"service":"container-apps","fit":"no_fit","reasons":["tree step containerizable = no: Tree step \"can it be containerized\" answered no: Container Apps deploys container images and nothing else."]}],"conditions":[],"conflicts":[],"best_alternative":null,"confidence":0.0,"unused_answers":[],"status":"proposed","override":null,"author":"Bob","created_at":"2026-12-06T04:12:55.417223Z","change":"save 1","supersedes_version":null,"session_id":null}');
INSERT INTO legacy_schema3.record_versions VALUES (5, 2, 2, 'rejected', 'complete', 'virtual-machines', 'compute-tree-2026', 'Cy', '2026-12-06 04:12:55.421606+00', NULL, '{"schema_version":1,"workload_id":2,"workload_name":"Billing","version":2,"knowledge_version":"compute-tree-2026","answers":{"specialty_workload":{"answer":"none","note":"","source":"user"},"migrate_or_build":{"answer":"migrate","note":"","source":"user"},"migration_approach":{"answer":"lift_and_shift","note":"deadline: June","source":"user"},"containerizable":{"answer":"no","note":"","source":"user"},"cots":{"answer":"yes","note":"","source":"user"},"vmware":{"answer":"no","note":"","source":"user"}},"walk_status":"complete","service":"virtual-machines","next_question":null,"path":[{"question":"specialty_workload","answer":"none","rationale":"Workloads without a specialty tie follow Microsoft''s general-purpose tree, which opens by asking whether you are moving something that exists or creating something new.","note":""},{"question":"migrate_or_build","answer":"migrate","rationale":"An application that already exists brings its own constraints, so before any service is weighed the tree asks how much you are prepared to change it during the move.","note":""},{"question":"migration_approach","answer":"lift_and_shift","rationale":"Moving the code mostly untouched keeps the choice close to today''s setup, so the next step tests whether the app can at least be packaged as a container image before falling back to server-style hosting.","note":"deadline: June"},{"question":"containerizable","answer":"no","rationale":"Without an image, what remains is a full server or a platform that hosts your source code, and which of the two is possible depends on whether you own that code, hence the off-the-shelf question next.","note":""},{"question":"cots","answer":"yes","rationale":"A packaged product has to run wherever its vendor certifies it, which in practice means a complete server, so the only thing left to settle is whether that server is a VMware guest today.","note":""},{"question":"vmware","answer":"no","rationale":"A vendor package outside VMware simply needs an ordinary supported server, so the migrate branch ends at Virtual Machines and the vendor''s installation guide decides the size and image.","note":""}],"candidates":[{"service":"virtual-machines","fit":"unknown","reasons":["requirement operational_overhead is not answered yet","requirement peak_instances is not answered yet","requirement os_admin_skills is not answered yet","requirement deployment_slots is not answered yet"]},{"service":"vmware-solution","fit":"no_fit","reasons":["tree step vmware = no: Tree step \"VMware workload\" answered no: Azure VMware Solution exists to carry vSphere estates over unchanged, and this workload is not one."]},{"service":"app-service","fit":"no_fit","reasons":["tree step cots = yes: Tree step \"commercial off-the-shelf\" answered yes: a vendor package needs the server its vendor certifies, not a platform that hosts your own code."]},{"service":"batch","fit":"unknown","reasons":["requirement operational_overhead is not answered yet","requirement state is not answered yet","requirement deployment_slots is not answered yet","requirement multi_region is not answered yet"]},{"service":"functions","fit":"no_fit","reasons":["tree step cots = yes: Tree step \"commercial off-the-shelf\" answered yes: a packaged vendor application cannot be broken up into triggered functions."]},{"service":"container-instances","fit":"no_fit","reasons":["tree step containerizable = no: Tree step \"can it be containerized\" answered no: Container Instances runs nothing except container images."]},{"service":"self-managed-orchestration","fit":"no_fit","reasons":["tree step containerizable = no: Tree step \"can it be containerized\" answered no: a self-run Kubernetes, OpenShift or Tanzu cluster schedules containers and nothing else."]},{"service":"red-hat-openshift","fit":"no_fit","reasons":["tree step containerizable = no: Tree step \"can it be containerized\" answered no: Azure Red Hat OpenShift hosts container workloads only."]},{"service":"aks","fit":"no_fit","reasons":["tree step containerizable = no: Tree step \"can it be containerized\" answered no: AKS schedules container images, so the app would first have to become one."]},{"service":"container-apps","fit":"no_fit","reasons":["tree step containerizable = no: Tree step \"can it be containerized\" answered no: Container Apps deploys container images and nothing else."]}],"conditions":["Run at least two instances, in an availability set or across zones, to qualify for the stronger VM SLA; a lone VM is covered by a weaker one.","Patching, hardening, backup and monitoring of every VM stay with your team; the platform takes none of them over."],"conflicts":[],"best_alternative":null,"confidence":0.0,"unused_answers":[],"status":"rejected","override":null,"author":"Cy","created_at":"2026-12-06T04:12:55.421606Z","change":"save 2","supersedes_version":null,"session_id":null}');
INSERT INTO legacy_schema3.record_versions VALUES (6, 3, 1, 'proposed', 'incomplete', NULL, 'compute-tree-2025', 'Bob', '2026-12-06 04:12:55.425992+00', NULL, '{"schema_version":1,"workload_id":3,"workload_name":"Intranet","version":1,"knowledge_version":"compute-tree-2025","answers":{"specialty_workload":{"answer":"none","note":"","source":"user"},"migrate_or_build":{"answer":"migrate","note":"","source":"user"},"migration_approach":{"answer":"lift_and_shift","note":"","source":"user"},"containerizable":{"answer":"no","note":"","source":"user"}},"walk_status":"incomplete","service":null,"next_question":"cots","path":[{"question":"migrate_or_build","answer":"migrate","rationale":"An application that already exists brings its own constraints, so before any service is weighed the tree asks how much you are prepared to change it during the move.","note":""},{"question":"migration_approach","answer":"lift_and_shift","rationale":"Moving the code mostly untouched keeps the choice close to today''s setup, so the next step tests whether the app can at least be packaged as a container image before falling back to server-style hosting.","note":""},{"question":"containerizable","answer":"no","rationale":"Without an image, what remains is a full server or a platform that hosts your source code, and which of the two is possible depends on whether you own that code, hence the off-the-shelf question next.","note":""}],"candidates":[{"service":"virtual-machines","fit":"unknown","reasons":["requirement operational_overhead is not answered yet","requirement peak_instances is not answered yet","requirement os_admin_skills is not answered yet","requirement deployment_slots is not answered yet"]},{"service":"vmware-solution","fit":"unknown","reasons":["requirement operational_overhead is not answered yet","requirement gpu is not answered yet","requirement os_admin_skills is not answered yet","requirement deployment_slots is not answered yet"]},{"service":"app-service","fit":"unknown","reasons":["requirement operational_overhead is not answered yet","requirement gpu is not answered yet","requirement peak_instances is not answered yet","requirement state is not answered yet","requirement long_running is not answered yet","requirement windows_dependencies is not answered yet"]},{"service":"batch","fit":"unknown","reasons":["requirement operational_overhead is not answered yet","requirement state is not answered yet","requirement deployment_slots is not answered yet","requirement multi_region is not answered yet"]},{"service":"functions","fit":"unknown","reasons":["requirement gpu is not answered yet","requirement peak_instances is not answered yet","requirement state is not answered yet","requirement long_running is not answered yet","requirement windows_dependencies is not answered yet"]},{"service":"container-instances","fit":"no_fit","reasons":["tree step containerizable = no: Tree step \"can it be containerized\" answered no: Container Instances runs nothing except container images."]},{"service":"self-managed-orchestration","fit":"no_fit","reasons":["tree step containerizable = no: Tree step \"can it be containerized\" answered no: a self-run Kubernetes, OpenShift or Tanzu cluster schedules containers and nothing else."]},{"service":"red-hat-openshift","fit":"no_fit","reasons":["tree step containerizable = no: Tree step \"can it be containerized\" answered no: Azure Red Hat OpenShift hosts container workloads only."]},{"service":"aks","fit":"no_fit","reasons":["tree step containerizable = no: Tree step \"can it be containerized\" answered no: AKS schedules container images, so the app would first have to become one."]},{"service":"container-apps","fit":"no_fit","reasons":["tree step containerizable = no: Tree step \"can it be containerized\" answered no: Container Apps deploys container images and nothing else."]},{"service":"service-fabric","fit":"unknown","reasons":["requirement operational_overhead is not answered yet","requirement peak_instances is not answered yet"]}],"conditions":[],"conflicts":[],"best_alternative":null,"confidence":0.0,"unused_answers":[{"question":"specialty_workload","answer":"none","reason":"this question is not part of compute-tree-2025"}],"status":"proposed","override":null,"author":"Bob","created_at":"2026-12-06T04:12:55.425992Z","change":"save 1","supersedes_version":null,"session_id":null}');
INSERT INTO legacy_schema3.record_versions VALUES (7, 4, 1, 'proposed', 'incomplete', NULL, 'compute-tree-2026', 'Bob', '2026-12-06 04:12:55.670402+00', NULL, '{"schema_version":1,"workload_id":4,"workload_name":"contoso-app/sql01","version":1,"knowledge_version":"compute-tree-2026","answers":{"migrate_or_build":{"answer":"migrate","note":"From inventory: It runs on a classic VM today, so whatever replaces it is a migration of an existing workload rather than a new build.","source":"inventory"},"vnet_integration":{"answer":"required","note":"From inventory: The classic VM sits in a virtual network today, which usually means it reaches other systems on private addresses; confirm that the new home needs the same.","source":"inventory"},"hybrid_connectivity":{"answer":"required","note":"From inventory: Its classic VNet has a VPN or ExpressRoute gateway, so something in it talks to an on-premises network; confirm whether this workload is one of the callers.","source":"inventory"}},"walk_status":"incomplete","service":null,"next_question":"specialty_workload","path":[],"candidates":[{"service":"virtual-machines","fit":"unknown","reasons":["requirement operational_overhead is not answered yet","requirement peak_instances is not answered yet","requirement os_admin_skills is not answered yet","requirement deployment_slots is not answered yet"]},{"service":"vmware-solution","fit":"unknown","reasons":["requirement operational_overhead is not answered yet","requirement gpu is not answered yet","requirement os_admin_skills is not answered yet","requirement deployment_slots is not answered yet"]},{"service":"app-service","fit":"unknown","reasons":["requirement operational_overhead is not answered yet","requirement gpu is not answered yet","requirement peak_instances is not answered yet","requirement state is not answered yet","requirement long_running is not answered yet","requirement windows_dependencies is not answered yet"]},{"service":"batch","fit":"unknown","reasons":["requirement operational_overhead is not answered yet","requirement state is not answered yet","requirement deployment_slots is not answered yet","requirement multi_region is not answered yet"]},{"service":"functions","fit":"unknown","reasons":["requirement gpu is not answered yet","requirement peak_instances is not answered yet","requirement state is not answered yet","requirement long_running is not answered yet","requirement windows_dependencies is not answered yet"]},{"service":"container-instances","fit":"unknown","reasons":["requirement multi_region is not answered yet","requirement gpu is not answered yet","requirement peak_instances is not answered yet","requirement state is not answered yet","requirement windows_dependencies is not answered yet","requirement deployment_slots is not answered yet"]},{"service":"self-managed-orchestration","fit":"unknown","reasons":["requirement operational_overhead is not answered yet","requirement kubernetes_skills is not answered yet","requirement os_admin_skills is not answered yet"]},{"service":"red-hat-openshift","fit":"unknown","reasons":["requirement operational_overhead is not answered yet","requirement kubernetes_skills is not answered yet","requirement windows_dependencies is not answered yet"]},{"service":"aks","fit":"unknown","reasons":["requirement operational_overhead is not answered yet","requirement kubernetes_skills is not answered yet","requirement windows_dependencies is not answered yet"]},{"service":"container-apps","fit":"unknown","reasons":["requirement operational_overhead is not answered yet","requirement peak_instances is not answered yet","requirement windows_dependencies is not answered yet"]}],"conditions":[],"conflicts":[],"best_alternative":null,"confidence":0.167,"unused_answers":[{"question":"migrate_or_build","answer":"migrate","reason":"the walk did not reach this question"}],"status":"proposed","override":null,"author":"Bob","created_at":"2026-12-06T04:12:55.670402Z","change":"answers suggested by the inventory","supersedes_version":null,"session_id":null}');
INSERT INTO legacy_schema3.record_versions VALUES (8, 5, 1, 'proposed', 'incomplete', NULL, 'compute-tree-2026', 'Bob', '2026-12-06 04:12:55.67916+00', NULL, '{"schema_version":1,"workload_id":5,"workload_name":"contoso-lnx/lnx01","version":1,"knowledge_version":"compute-tree-2026","answers":{"migrate_or_build":{"answer":"migrate","note":"From inventory: It runs on a classic VM today, so whatever replaces it is a migration of an existing workload rather than a new build.","source":"inventory"},"windows_dependencies":{"answer":"no","note":"From inventory: The classic VM runs Linux, so the workload cannot depend on Windows-only pieces such as COM+, the GAC or the registry.","source":"inventory"},"vnet_integration":{"answer":"required","note":"From inventory: The classic VM sits in a virtual network today, which usually means it reaches other systems on private addresses; confirm that the new home needs the same.","source":"inventory"}},"walk_status":"incomplete","service":null,"next_question":"specialty_workload","path":[],"candidates":[{"service":"virtual-machines","fit":"unknown","reasons":["requirement operational_overhead is not answered yet","requirement peak_instances is not answered yet","requirement os_admin_skills is not answered yet","requirement deployment_slots is not answered yet"]},{"service":"vmware-solution","fit":"unknown","reasons":["requirement operational_overhead is not answered yet","requirement gpu is not answered yet","requirement os_admin_skills is not answered yet","requirement deployment_slots is not answered yet"]},{"service":"app-service","fit":"unknown","reasons":["requirement operational_overhead is not answered yet","requirement gpu is not answered yet","requirement peak_instances is not answered yet","requirement state is not answered yet","requirement long_running is not answered yet"]},{"service":"batch","fit":"unknown","reasons":["requirement operational_overhead is not answered yet","requirement state is not answered yet","requirement deployment_slots is not answered yet","requirement multi_region is not answered yet"]},{"service":"functions","fit":"unknown","reasons":["requirement gpu is not answered yet","requirement peak_instances is not answered yet","requirement state is not answered yet","requirement long_running is not answered yet"]},{"service":"container-instances","fit":"unknown","reasons":["requirement multi_region is not answered yet","requirement gpu is not answered yet","requirement peak_instances is not answered yet","requirement state is not answered yet","requirement deployment_slots is not answered yet"]},{"service":"self-managed-orchestration","fit":"unknown","reasons":["requirement operational_overhead is not answered yet","requirement kubernetes_skills is not answered yet","requirement os_admin_skills is not answered yet"]},{"service":"red-hat-openshift","fit":"unknown","reasons":["requirement operational_overhead is not answered yet","requirement kubernetes_skills is not answered yet"]},{"service":"aks","fit":"unknown","reasons":["requirement operational_overhead is not answered yet","requirement kubernetes_skills is not answered yet"]},{"service":"container-apps","fit":"unknown","reasons":["requirement operational_overhead is not answered yet","requirement peak_instances is not answered yet"]}],"conditions":[],"conflicts":[],"best_alternative":null,"confidence":0.167,"unused_answers":[{"question":"migrate_or_build","answer":"migrate","reason":"the walk did not reach this question"}],"status":"proposed","override":null,"author":"Bob","created_at":"2026-12-06T04:12:55.679160Z","change":"answers suggested by the inventory","supersedes_version":null,"session_id":null}');
INSERT INTO legacy_schema3.record_versions VALUES (9, 6, 1, 'proposed', 'incomplete', NULL, 'compute-tree-2026', 'Bob', '2026-12-06 04:12:55.687466+00', NULL, '{"schema_version":1,"workload_id":6,"workload_name":"contoso-lnx/lnx02","version":1,"knowledge_version":"compute-tree-2026","answers":{"migrate_or_build":{"answer":"migrate","note":"From inventory: It runs on a classic VM today, so whatever replaces it is a migration of an existing workload rather than a new build.","source":"inventory"},"windows_dependencies":{"answer":"no","note":"From inventory: The classic VM runs Linux, so the workload cannot depend on Windows-only pieces such as COM+, the GAC or the registry.","source":"inventory"},"vnet_integration":{"answer":"required","note":"From inventory: The classic VM sits in a virtual network today, which usually means it reaches other systems on private addresses; confirm that the new home needs the same.","source":"inventory"}},"walk_status":"incomplete","service":null,"next_question":"specialty_workload","path":[],"candidates":[{"service":"virtual-machines","fit":"unknown","reasons":["requirement operational_overhead is not answered yet","requirement peak_instances is not answered yet","requirement os_admin_skills is not answered yet","requirement deployment_slots is not answered yet"]},{"service":"vmware-solution","fit":"unknown","reasons":["requirement operational_overhead is not answered yet","requirement gpu is not answered yet","requirement os_admin_skills is not answered yet","requirement deployment_slots is not answered yet"]},{"service":"app-service","fit":"unknown","reasons":["requirement operational_overhead is not answered yet","requirement gpu is not answered yet","requirement peak_instances is not answered yet","requirement state is not answered yet","requirement long_running is not answered yet"]},{"service":"batch","fit":"unknown","reasons":["requirement operational_overhead is not answered yet","requirement state is not answered yet","requirement deployment_slots is not answered yet","requirement multi_region is not answered yet"]},{"service":"functions","fit":"unknown","reasons":["requirement gpu is not answered yet","requirement peak_instances is not answered yet","requirement state is not answered yet","requirement long_running is not answered yet"]},{"service":"container-instances","fit":"unknown","reasons":["requirement multi_region is not answered yet","requirement gpu is not answered yet","requirement peak_instances is not answered yet","requirement state is not answered yet","requirement deployment_slots is not answered yet"]},{"service":"self-managed-orchestration","fit":"unknown","reasons":["requirement operational_overhead is not answered yet","requirement kubernetes_skills is not answered yet","requirement os_admin_skills is not answered yet"]},{"service":"red-hat-openshift","fit":"unknown","reasons":["requirement operational_overhead is not answered yet","requirement kubernetes_skills is not answered yet"]},{"service":"aks","fit":"unknown","reasons":["requirement operational_overhead is not answered yet","requirement kubernetes_skills is not answered yet"]},{"service":"container-apps","fit":"unknown","reasons":["requirement operational_overhead is not answered yet","requirement peak_instances is not answered yet"]}],"conditions":[],"conflicts":[],"best_alternative":null,"confidence":0.167,"unused_answers":[{"question":"migrate_or_build","answer":"migrate","reason":"the walk did not reach this question"}],"status":"proposed","override":null,"author":"Bob","created_at":"2026-12-06T04:12:55.687466Z","change":"answers suggested by the inventory","supersedes_version":null,"session_id":null}');
INSERT INTO legacy_schema3.record_versions VALUES (10, 1, 4, 'accepted', 'complete', 'app-service', 'compute-tree-2026', 'Ann Lee', '2026-12-06 04:12:55.730589+00', 1, '{"schema_version":1,"workload_id":1,"workload_name":"Payroll <b>EU</b>","version":4,"knowledge_version":"compute-tree-2026","answers":{"specialty_workload":{"answer":"none","note":"","source":"user"},"migrate_or_build":{"answer":"migrate","note":"","source":"user"},"migration_approach":{"answer":"lift_and_shift","note":"deadline: June","source":"user"},"containerizable":{"answer":"no","note":"","source":"user"},"cots":{"answer":"yes","note":"","source":"user"},"vmware":{"answer":"no","note":"","source":"user"},"gpu":{"answer":"not_required","note":"","source":"user"}},"walk_status":"complete","service":"virtual-machines","next_question":null,"path":[{"question":"specialty_workload","answer":"none","rationale":"Workloads without a specialty tie follow Microsoft''s general-purpose tree, which opens by asking whether you are moving something that exists or creating something new.","note":""},{"question":"migrate_or_build","answer":"migrate","rationale":"An application that already exists brings its own constraints, so before any service is weighed the tree asks how much you are prepared to change it during the move.","note":""},{"question":"migration_approach","answer":"lift_and_shift","rationale":"Moving the code mostly untouched keeps the choice close to today''s setup, so the next step tests whether the app can at least be packaged as a container image before falling back to server-style hosting.","note":"deadline: June"},{"question":"containerizable","answer":"no","rationale":"Without an image, what remains is a full server or a platform that hosts your source code, and which of the two is possible depends on whether you own that code, hence the off-the-shelf question next.","note":""},{"question":"cots","answer":"yes","rationale":"A packaged product has to run wherever its vendor certifies it, which in practice means a complete server, so the only thing left to settle is whether that server is a VMware guest today.","note":""},{"question":"vmware","answer":"no","rationale":"A vendor package outside VMware simply needs an ordinary supported server, so the migrate branch ends at Virtual Machines and the vendor''s installation guide decides the size and image.","note":""}],"candidates":[{"service":"virtual-machines","fit":"unknown","reasons":["requirement operational_overhead is not answered yet","requirement peak_instances is not answered yet","requirement os_admin_skills is not answered yet","requirement deployment_slots is not answered yet"]},{"service":"vmware-solution","fit":"no_fit","reasons":["tree step vmware = no: Tree step \"VMware workload\" answered no: Azure VMware Solution exists to carry vSphere estates over unchanged, and this workload is not one."]},{"service":"app-service","fit":"no_fit","reasons":["tree step cots = yes: Tree step \"commercial off-the-shelf\" answered yes: a vendor package needs the server its vendor certifies, not a platform that hosts your own code."]},{"service":"batch","fit":"unknown","reasons":["requirement operational_overhead is not answered yet","requirement state is not answered yet","requirement deployment_slots is not answered yet","requirement multi_region is not answered yet"]},{"service":"functions","fit":"no_fit","reasons":["tree step cots = yes: Tree step \"commercial off-the-shelf\" answered yes: a packaged vendor application cannot be broken up into triggered functions."]},{"service":"container-instances","fit":"no_fit","reasons":["tree step containerizable = no: Tree step \"can it be containerized\" answered no: Container Instances runs nothing except container images."]},{"service":"self-managed-orchestration","fit":"no_fit","reasons":["tree step containerizable = no: Tree step \"can it be containerized\" answered no: a self-run Kubernetes, OpenShift or Tanzu cluster schedules containers and nothing else."]},{"service":"red-hat-openshift","fit":"no_fit","reasons":["tree step containerizable = no: Tree step \"can it be containerized\" answered no: Azure Red Hat OpenShift hosts container workloads only."]},{"service":"aks","fit":"no_fit","reasons":["tree step containerizable = no: Tree step \"can it be containerized\" answered no: AKS schedules container images, so the app would first have to become one."]},{"service":"container-apps","fit":"no_fit","reasons":["tree step containerizable = no: Tree step \"can it be containerized\" answered no: Container Apps deploys container images and nothing else."]}],"conditions":["Run at least two instances, in an availability set or across zones, to qualify for the stronger VM SLA; a lone VM is covered by a weaker one.","Patching, hardening, backup and monitoring of every VM stay with your team; the platform takes none of them over."],"conflicts":[],"best_alternative":null,"confidence":0.083,"unused_answers":[],"status":"accepted","override":{"service":"app-service","reason":"the vendor supports App Service"},"author":"Ann Lee","created_at":"2026-12-06T04:12:55.730589Z","change":"review session ''Board March'': accepted, signed off by Ann Lee","supersedes_version":null,"session_id":1}');


--
-- Data for Name: review_sessions; Type: TABLE DATA; Schema: legacy_schema3; Owner: -
--

INSERT INTO legacy_schema3.review_sessions VALUES (1, 'Board March', '2026-03-02', 'closed', 'Ann Lee', '2026-12-06 04:12:55.70095+00', '2026-12-06 04:12:55.735258+00', 'Ann Lee');
INSERT INTO legacy_schema3.review_sessions VALUES (2, 'Board April', '2026-04-06', 'open', 'Bob', '2026-12-06 04:12:55.739972+00', NULL, NULL);


--
-- Data for Name: schema_version; Type: TABLE DATA; Schema: legacy_schema3; Owner: -
--

INSERT INTO legacy_schema3.schema_version VALUES (1, 3);


--
-- Data for Name: session_attendees; Type: TABLE DATA; Schema: legacy_schema3; Owner: -
--

INSERT INTO legacy_schema3.session_attendees VALUES (1, 0, 'Ann Lee', 'ann lee', 'decision_maker');
INSERT INTO legacy_schema3.session_attendees VALUES (1, 1, 'Carl', 'carl', 'consulted');
INSERT INTO legacy_schema3.session_attendees VALUES (1, 2, 'Ida', 'ida', 'informed');
INSERT INTO legacy_schema3.session_attendees VALUES (2, 0, 'Bob', 'bob', 'decision_maker');


--
-- Data for Name: session_items; Type: TABLE DATA; Schema: legacy_schema3; Owner: -
--

INSERT INTO legacy_schema3.session_items VALUES (1, 2, 1, 2, '', NULL, '', NULL, NULL, NULL, NULL);
INSERT INTO legacy_schema3.session_items VALUES (1, 1, 0, 3, 'Discussed <i>costs</i>
and the vendor''s support.', 'accept', '', NULL, 'Ann Lee', '2026-12-06 04:12:55.730589+00', 4);
INSERT INTO legacy_schema3.session_items VALUES (2, 2, 0, 2, 'to decide next time', NULL, '', NULL, NULL, NULL, NULL);


--
-- Data for Name: workloads; Type: TABLE DATA; Schema: legacy_schema3; Owner: -
--

INSERT INTO legacy_schema3.workloads VALUES (2, 'Billing', 'billing', 'Bob', '', '[]', NULL, '2026-12-06 04:12:55.39257+00', '2026-12-06 04:12:55.424667+00');
INSERT INTO legacy_schema3.workloads VALUES (3, 'Intranet', 'intranet', 'Cy', 'to be retired', '[]', '2026-12-06 04:12:55.431684+00', '2026-12-06 04:12:55.395527+00', '2026-12-06 04:12:55.431783+00');
INSERT INTO legacy_schema3.workloads VALUES (4, 'contoso-app/sql01', 'contoso-app/sql01', 'Bob', 'Classic VM sql01 in cloud service contoso-app, VNet corpnet. Migration tool verdict: not_supported (F5, C6, C7, O13).', '[{"cloud_service": "contoso-app", "vm_name": "sql01"}]', NULL, '2026-12-06 04:12:55.667803+00', '2026-12-06 04:12:55.673633+00');
INSERT INTO legacy_schema3.workloads VALUES (5, 'contoso-lnx/lnx01', 'contoso-lnx/lnx01', 'Bob', 'Classic VM lnx01 in cloud service contoso-lnx, VNet dmznet. Migration tool verdict: not_supported (F4, C3, O8).', '[{"cloud_service": "contoso-lnx", "vm_name": "lnx01"}]', NULL, '2026-12-06 04:12:55.677088+00', '2026-12-06 04:12:55.682212+00');
INSERT INTO legacy_schema3.workloads VALUES (6, 'contoso-lnx/lnx02', 'contoso-lnx/lnx02', 'Bob', 'Classic VM lnx02 in cloud service contoso-lnx, VNet dmznet. Migration tool verdict: not_supported (F3, F4, O7).', '[{"cloud_service": "contoso-lnx", "vm_name": "lnx02"}]', NULL, '2026-12-06 04:12:55.685226+00', '2026-12-06 04:12:55.690288+00');
INSERT INTO legacy_schema3.workloads VALUES (1, 'Payroll <b>EU</b>', 'payroll <b>eu</b>', 'Ann Lee', 'Runs **nightly**; Zürich team', '[{"cloud_service": "contoso-app", "vm_name": "app01"}]', NULL, '2026-12-06 04:12:55.387809+00', '2026-12-06 04:12:55.730589+00');


--
-- Name: estates_id_seq; Type: SEQUENCE SET; Schema: legacy_schema3; Owner: -
--

SELECT pg_catalog.setval('legacy_schema3.estates_id_seq', 1, true);


--
-- Name: inventory_imports_id_seq; Type: SEQUENCE SET; Schema: legacy_schema3; Owner: -
--

SELECT pg_catalog.setval('legacy_schema3.inventory_imports_id_seq', 2, true);


--
-- Name: profiles_id_seq; Type: SEQUENCE SET; Schema: legacy_schema3; Owner: -
--

SELECT pg_catalog.setval('legacy_schema3.profiles_id_seq', 2, true);


--
-- Name: record_versions_id_seq; Type: SEQUENCE SET; Schema: legacy_schema3; Owner: -
--

SELECT pg_catalog.setval('legacy_schema3.record_versions_id_seq', 10, true);


--
-- Name: review_sessions_id_seq; Type: SEQUENCE SET; Schema: legacy_schema3; Owner: -
--

SELECT pg_catalog.setval('legacy_schema3.review_sessions_id_seq', 2, true);


--
-- Name: schema_version_id_seq; Type: SEQUENCE SET; Schema: legacy_schema3; Owner: -
--

SELECT pg_catalog.setval('legacy_schema3.schema_version_id_seq', 1, false);


--
-- Name: workloads_id_seq; Type: SEQUENCE SET; Schema: legacy_schema3; Owner: -
--

SELECT pg_catalog.setval('legacy_schema3.workloads_id_seq', 6, true);


--
-- Name: estates estates_name_key_key; Type: CONSTRAINT; Schema: legacy_schema3; Owner: -
--

ALTER TABLE ONLY legacy_schema3.estates
    ADD CONSTRAINT estates_name_key_key UNIQUE (name_key);


--
-- Name: estates estates_pkey; Type: CONSTRAINT; Schema: legacy_schema3; Owner: -
--

ALTER TABLE ONLY legacy_schema3.estates
    ADD CONSTRAINT estates_pkey PRIMARY KEY (id);


--
-- Name: inventory_imports inventory_imports_pkey; Type: CONSTRAINT; Schema: legacy_schema3; Owner: -
--

ALTER TABLE ONLY legacy_schema3.inventory_imports
    ADD CONSTRAINT inventory_imports_pkey PRIMARY KEY (id);


--
-- Name: inventory_vms pk_inventory_vms; Type: CONSTRAINT; Schema: legacy_schema3; Owner: -
--

ALTER TABLE ONLY legacy_schema3.inventory_vms
    ADD CONSTRAINT pk_inventory_vms PRIMARY KEY (import_id, "position");


--
-- Name: session_attendees pk_session_attendees; Type: CONSTRAINT; Schema: legacy_schema3; Owner: -
--

ALTER TABLE ONLY legacy_schema3.session_attendees
    ADD CONSTRAINT pk_session_attendees PRIMARY KEY (session_id, "position");


--
-- Name: session_items pk_session_items; Type: CONSTRAINT; Schema: legacy_schema3; Owner: -
--

ALTER TABLE ONLY legacy_schema3.session_items
    ADD CONSTRAINT pk_session_items PRIMARY KEY (session_id, workload_id);


--
-- Name: profiles profiles_name_key_key; Type: CONSTRAINT; Schema: legacy_schema3; Owner: -
--

ALTER TABLE ONLY legacy_schema3.profiles
    ADD CONSTRAINT profiles_name_key_key UNIQUE (name_key);


--
-- Name: profiles profiles_pkey; Type: CONSTRAINT; Schema: legacy_schema3; Owner: -
--

ALTER TABLE ONLY legacy_schema3.profiles
    ADD CONSTRAINT profiles_pkey PRIMARY KEY (id);


--
-- Name: record_versions record_versions_pkey; Type: CONSTRAINT; Schema: legacy_schema3; Owner: -
--

ALTER TABLE ONLY legacy_schema3.record_versions
    ADD CONSTRAINT record_versions_pkey PRIMARY KEY (id);


--
-- Name: review_sessions review_sessions_pkey; Type: CONSTRAINT; Schema: legacy_schema3; Owner: -
--

ALTER TABLE ONLY legacy_schema3.review_sessions
    ADD CONSTRAINT review_sessions_pkey PRIMARY KEY (id);


--
-- Name: schema_version schema_version_pkey; Type: CONSTRAINT; Schema: legacy_schema3; Owner: -
--

ALTER TABLE ONLY legacy_schema3.schema_version
    ADD CONSTRAINT schema_version_pkey PRIMARY KEY (id);


--
-- Name: record_versions uq_record_versions_workload_version; Type: CONSTRAINT; Schema: legacy_schema3; Owner: -
--

ALTER TABLE ONLY legacy_schema3.record_versions
    ADD CONSTRAINT uq_record_versions_workload_version UNIQUE (workload_id, version);


--
-- Name: session_attendees uq_session_attendees_name; Type: CONSTRAINT; Schema: legacy_schema3; Owner: -
--

ALTER TABLE ONLY legacy_schema3.session_attendees
    ADD CONSTRAINT uq_session_attendees_name UNIQUE (session_id, name_key);


--
-- Name: workloads workloads_name_key_key; Type: CONSTRAINT; Schema: legacy_schema3; Owner: -
--

ALTER TABLE ONLY legacy_schema3.workloads
    ADD CONSTRAINT workloads_name_key_key UNIQUE (name_key);


--
-- Name: workloads workloads_pkey; Type: CONSTRAINT; Schema: legacy_schema3; Owner: -
--

ALTER TABLE ONLY legacy_schema3.workloads
    ADD CONSTRAINT workloads_pkey PRIMARY KEY (id);


--
-- Name: ix_inventory_imports_estate_id; Type: INDEX; Schema: legacy_schema3; Owner: -
--

CREATE INDEX ix_inventory_imports_estate_id ON legacy_schema3.inventory_imports USING btree (estate_id);


--
-- Name: ix_inventory_vms_name; Type: INDEX; Schema: legacy_schema3; Owner: -
--

CREATE INDEX ix_inventory_vms_name ON legacy_schema3.inventory_vms USING btree (import_id, cloud_service, vm_name);


--
-- Name: ix_inventory_vms_verdict; Type: INDEX; Schema: legacy_schema3; Owner: -
--

CREATE INDEX ix_inventory_vms_verdict ON legacy_schema3.inventory_vms USING btree (import_id, verdict);


--
-- Name: ix_record_versions_session; Type: INDEX; Schema: legacy_schema3; Owner: -
--

CREATE INDEX ix_record_versions_session ON legacy_schema3.record_versions USING btree (session_id);


--
-- Name: ix_record_versions_status; Type: INDEX; Schema: legacy_schema3; Owner: -
--

CREATE INDEX ix_record_versions_status ON legacy_schema3.record_versions USING btree (status);


--
-- Name: ix_session_items_workload; Type: INDEX; Schema: legacy_schema3; Owner: -
--

CREATE INDEX ix_session_items_workload ON legacy_schema3.session_items USING btree (workload_id);


--
-- Name: ix_workloads_archived_name; Type: INDEX; Schema: legacy_schema3; Owner: -
--

CREATE INDEX ix_workloads_archived_name ON legacy_schema3.workloads USING btree (archived_at, name_key);


--
-- Name: inventory_imports inventory_imports_estate_id_fkey; Type: FK CONSTRAINT; Schema: legacy_schema3; Owner: -
--

ALTER TABLE ONLY legacy_schema3.inventory_imports
    ADD CONSTRAINT inventory_imports_estate_id_fkey FOREIGN KEY (estate_id) REFERENCES legacy_schema3.estates(id) ON DELETE RESTRICT;


--
-- Name: inventory_vms inventory_vms_import_id_fkey; Type: FK CONSTRAINT; Schema: legacy_schema3; Owner: -
--

ALTER TABLE ONLY legacy_schema3.inventory_vms
    ADD CONSTRAINT inventory_vms_import_id_fkey FOREIGN KEY (import_id) REFERENCES legacy_schema3.inventory_imports(id) ON DELETE CASCADE;


--
-- Name: record_versions record_versions_workload_id_fkey; Type: FK CONSTRAINT; Schema: legacy_schema3; Owner: -
--

ALTER TABLE ONLY legacy_schema3.record_versions
    ADD CONSTRAINT record_versions_workload_id_fkey FOREIGN KEY (workload_id) REFERENCES legacy_schema3.workloads(id) ON DELETE RESTRICT;


--
-- Name: session_attendees session_attendees_session_id_fkey; Type: FK CONSTRAINT; Schema: legacy_schema3; Owner: -
--

ALTER TABLE ONLY legacy_schema3.session_attendees
    ADD CONSTRAINT session_attendees_session_id_fkey FOREIGN KEY (session_id) REFERENCES legacy_schema3.review_sessions(id) ON DELETE RESTRICT;


--
-- Name: session_items session_items_session_id_fkey; Type: FK CONSTRAINT; Schema: legacy_schema3; Owner: -
--

ALTER TABLE ONLY legacy_schema3.session_items
    ADD CONSTRAINT session_items_session_id_fkey FOREIGN KEY (session_id) REFERENCES legacy_schema3.review_sessions(id) ON DELETE RESTRICT;


--
-- Name: session_items session_items_workload_id_fkey; Type: FK CONSTRAINT; Schema: legacy_schema3; Owner: -
--

ALTER TABLE ONLY legacy_schema3.session_items
    ADD CONSTRAINT session_items_workload_id_fkey FOREIGN KEY (workload_id) REFERENCES legacy_schema3.workloads(id) ON DELETE RESTRICT;


--
-- PostgreSQL database dump complete
--

\unrestrict HOBCRyEwjwPIEsbMOKfHdJwIafGfV7a1PNGIiufQt1NN0CHPbajuO4tggtzOg3t

