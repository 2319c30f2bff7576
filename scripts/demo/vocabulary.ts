// Spanish words and phrases the demo data is built from, as a field-service team would write them.
import type { WorkOrderType } from '../../shared/enums';

export const CATEGORIES = [
  ['Impresoras', 'Impresoras, escáneres y multifunción'],
  ['Redes', 'Routers, switches, wifi y cableado'],
  ['Climatización', 'Aire acondicionado, calderas y ventilación'],
  ['Electricidad', 'Cuadros, SAI y tomas de corriente'],
  ['Software', 'Programas de gestión, licencias y actualizaciones'],
  ['Hardware', 'Ordenadores, pantallas y periféricos'],
  ['Telefonía', 'Centralita, teléfonos IP y móviles'],
  ['Seguridad', 'Alarmas, cámaras y control de accesos'],
  ['Mantenimiento preventivo', 'Revisiones periódicas programadas'],
] as const;

/** [sku prefix, name, tracks serial, what its quantities count (units when left out)] */
export const PRODUCTS: readonly (readonly [string, string, boolean, ('kg' | 'm')?])[] = [
  ['RTR', 'Router 4G industrial', true],
  ['SWT', 'Switch 24 puertos gestionable', true],
  ['AP', 'Punto de acceso wifi 6', true],
  ['SAI', 'SAI 1500 VA', true],
  ['IMP', 'Impresora láser multifunción', true],
  ['CAM', 'Cámara IP exterior', true],
  ['TEL', 'Teléfono IP de sobremesa', true],
  ['DSC', 'Disco SSD 1 TB', true],
  ['FUS', 'Fusor de impresora', true],
  ['CMP', 'Compresor de aire acondicionado', true],
  ['TON', 'Tóner negro alta capacidad', false],
  ['CBL', 'Cable de red Cat6 (metro)', false, 'm'],
  ['CON', 'Conector RJ45 (bolsa 10 uds.)', false],
  ['FLT', 'Filtro de aire', false],
  ['GAS', 'Gas refrigerante R32 (kg)', false, 'kg'],
  ['TRN', 'Kit de tornillería', false],
  ['BAT', 'Batería de repuesto para SAI', true],
  ['FUE', 'Fuente de alimentación 500 W', true],
  ['MEM', 'Memoria RAM 16 GB', true],
  ['TEC', 'Teclado y ratón inalámbricos', false],
];

export const PROBLEMS = [
  'No enciende',
  'Se reinicia solo',
  'Hace un ruido extraño',
  'No conecta a la red',
  'Va muy lento',
  'Da un error al arrancar',
  'Pierde la conexión cada poco',
  'No imprime',
  'Gotea agua',
  'No enfría',
  'Pita sin parar',
  'Se ha quedado bloqueado',
  'Muestra la pantalla en negro',
  'Salta el diferencial',
  'No reconoce el usuario',
];

export const EQUIPMENT = [
  'la impresora de recepción',
  'el router de la oficina',
  'el aire acondicionado de la sala de reuniones',
  'el SAI del rack',
  'el ordenador del mostrador',
  'la centralita',
  'la cámara del parking',
  'el switch de la planta 2',
  'el terminal de cobro',
  'la caldera',
  'el wifi del almacén',
  'el servidor de ficheros',
  'el portátil de dirección',
  'la alarma del local',
];

export const DETAILS = [
  'El cliente indica que empezó tras el corte de luz de ayer.',
  'Ocurre sobre todo a primera hora de la mañana.',
  'Ya se reinició y el problema sigue.',
  'Afecta a todo el equipo de la oficina.',
  'Necesitan una solución antes del cierre de mes.',
  'Han probado a desenchufarlo sin éxito.',
  'El equipo tiene más de cinco años.',
  'Hay un código de error en la pantalla.',
  'Solo pasa con algunos usuarios.',
  'El técnico anterior dejó una nota sobre este fallo.',
];

export const NOTES = [
  'Llamo al cliente para confirmar el alcance del problema.',
  'Pedida la pieza al proveedor; llega en 48 horas.',
  'Revisado en remoto: el fallo no se reproduce.',
  'El cliente envía fotos del equipo por correo.',
  'Se actualiza el firmware a la última versión.',
  'Pendiente de que el cliente confirme disponibilidad.',
  'Se comprueba el cableado y está correcto.',
  'Escalado al fabricante por garantía.',
  'Se cambia la configuración de red y se deja en observación.',
  'El cliente confirma que ya funciona, esperamos un día antes de cerrar.',
];

/** Each contact with the channel its words name: a call is not logged as an e-mail. */
export const CONTACTS = [
  { text: 'Llamada del cliente preguntando por el estado.', channel: 'phone' },
  { text: 'Se acuerda la visita por teléfono.', channel: 'phone' },
  { text: 'Correo con el presupuesto de la reparación.', channel: 'email' },
  { text: 'El cliente confirma por WhatsApp que hay alguien en el local.', channel: 'whatsapp' },
  { text: 'Visita comercial: se comenta el contrato de mantenimiento.', channel: 'visit' },
  { text: 'El cliente pide por correo la factura detallada.', channel: 'email' },
  { text: 'Aviso al cliente de que el técnico llegará con retraso.', channel: 'phone' },
  { text: 'El cliente deja recado en recepción para que le llamen.', channel: 'other' },
] as const;

export const RESOLUTIONS = [
  'Sustituida la pieza averiada y probado el equipo con el cliente.',
  'Reconfigurado el equipo; funciona correctamente.',
  'Actualizado el software y verificado el funcionamiento.',
  'Limpieza y mantenimiento completos; sin incidencias.',
  'Equipo sustituido por uno nuevo en garantía.',
  'El problema era del suministro eléctrico; se informa al cliente.',
];

/** What a technician writes as the work done when completing an OT (it goes in the customer's report). */
export const WORK_DONE = [
  'Se revisa el equipo, se cambia la pieza y se prueba durante 30 minutos.',
  'Diagnóstico in situ: fallo de alimentación. Sustituida la fuente.',
  'Instalación completada y configurada según lo acordado.',
  'Mantenimiento preventivo: limpieza de filtros y revisión general.',
  'Se actualiza el firmware y se ajusta la configuración.',
];

/** Internal remarks the office leaves on an OT for the technician (never in the customer's report). */
export const INTERNAL_NOTES = [
  'Llave en recepción; preguntar por Marisa.',
  'Aparcar en el muelle de carga, por la calle de atrás.',
  'Avisar al cliente media hora antes de llegar.',
  'Cliente con contrato de mantenimiento: no cobrar desplazamiento.',
  'Llevar escalera: el equipo está en el falso techo.',
];

export const WORK_ORDER_TYPES_WEIGHTED: readonly WorkOrderType[] = [
  'repair',
  'repair',
  'repair',
  'diagnosis',
  'diagnosis',
  'install',
  'maintenance',
  'upgrade',
];
