# La interfaz de Myo en español. Se trata al paciente de «usted», como en las páginas del
# conocimiento y en las respuestas de Ask. Cada mensaje existe también en inglés, con las mismas
# variables (hay una prueba que lo comprueba).

## Plantilla: cabecera, menú, pie, cambio de idioma

skip-to-main = Saltar al contenido principal
nav-home-label = Inicio de Myo
nav-main-label = Principal
nav-learn = Aprender
nav-ask = Preguntar
nav-calculators = Calculadoras
nav-tracker = Mi seguimiento
nav-audit = Registro de auditoría
nav-users = Usuarios
nav-moderation = Moderación
nav-account = Cuenta
nav-account-for = de { $name }
nav-signout = Cerrar sesión
nav-signin = Iniciar sesión
nav-signup = Crear cuenta
footer-disclaimer-title = Aviso médico.
disclaimer = Myo ofrece información general; no diagnostica, no receta y no sustituye a su equipo médico. Consulte a su médico o enfermera sobre su propio cuidado. En una emergencia, llame ya al 911, al 112 o al número de emergencias de su país.
footer-open-source = Myo es software de código abierto.
footer-htmx-licence = licencia de htmx
lang-switch-label = Idioma:

## Inicio

home-title = Myo: información clara sobre la dermatomiositis y la miositis
home-lead = Páginas revisadas y fechadas, con sus fuentes; respuestas a sus preguntas; y las escalas clínicas publicadas, explicadas punto por punto. Myo informa; no diagnostica ni receta.
home-search-label = Buscar en las páginas de información
home-search-placeholder = por ejemplo: eritema en heliotropo
home-search-button = Buscar
home-emergency-lead = En una emergencia
home-emergency = (le cuesta respirar o tragar, tiene dolor en el pecho o se desmaya), llame ya al 911, al 112 o al número de emergencias de su país.
home-start-here = Empiece aquí
home-card-learn = Síntomas, pruebas, medicinas, alimentación y vida diaria; cada página con sus fuentes y su fecha de revisión.
home-card-ask-title = Hacer una pregunta
home-card-ask = Las respuestas salen solo de las páginas revisadas, con sus fuentes numeradas. Las señales de alarma se avisan primero.
home-card-calculators = { $count ->
    [one] { $count } instrumento publicado, como los criterios EULAR/ACR 2017, con cada punto explicado.
   *[other] { $count } instrumentos publicados, como los criterios EULAR/ACR 2017, con cada punto explicado.
}
home-browse = Ver por tema
title-home = Información sobre la dermatomiositis y la miositis
kb-section-overview = Información general
kb-section-types = Tipos de miositis
kb-section-causes = Causas y factores de riesgo
kb-section-symptoms = Síntomas y signos
kb-section-tests = Pruebas
kb-section-treatments = Tratamientos
kb-section-drugs = Medicinas
kb-section-supplements = Suplementos
kb-section-advanced = Terapias avanzadas y experimentales
kb-section-procedures = Procedimientos
kb-section-prevention = Prevención
kb-section-red-flags = Señales de alarma
kb-section-diet = Alimentación
kb-section-faq = Preguntas frecuentes
kb-section-antibodies = Anticuerpos
kb-section-living = Vivir con miositis
kb-section-organisations = Organizaciones de pacientes
kb-section-trials = Ensayos clínicos
kb-section-related = Enfermedades relacionadas
kb-section-glossary = Glosario

## Iniciar sesión y crear cuenta

title-signin = Iniciar sesión
signin-title = Iniciar sesión
field-email = Correo electrónico
field-password = Contraseña
signin-forgot = ¿Olvidó su contraseña?
signin-no-account = ¿Todavía no tiene cuenta?
signin-create-one = Cree una
title-signup = Crear una cuenta
signup-title = Crear una cuenta
signup-intro = Con una cuenta puede llevar sus propios registros en el seguimiento: un diario de síntomas, análisis, medicinas y consultas, para compartirlos con su equipo médico si lo desea. Myo guarda lo mínimo posible y usted puede borrar su cuenta cuando quiera.
signup-name = Nombre que se muestra (opcional)
signup-password-hint = { $count ->
    [one] Al menos { $count } carácter.
   *[other] Al menos { $count } caracteres.
}
signup-password-again = Repita la contraseña
signup-tz-label = Zona horaria:
signup-tz-unknown = su seguimiento le pedirá que la confirme después de iniciar sesión
signup-tz-found = { $zone } (según este navegador; puede cambiarla en la configuración de su seguimiento)
signup-tz-why = Myo la usa para saber qué es «hoy» en su diario, sus dosis y sus avisos.
signup-submit = Crear cuenta
signup-have-account = ¿Ya tiene una cuenta?
signin-notice-deleted = Su cuenta se ha borrado.
signin-notice-signed-out = Ha cerrado la sesión.
signin-notice-handed-over = Ahora sus registros son suyos. Inicie sesión con su correo electrónico y la contraseña que acaba de elegir.
signin-notice-reset = Su nueva contraseña está guardada. Se cerraron todas sus sesiones y se anularon sus claves de la API: inicie sesión con la nueva contraseña.
signin-notice-signed-up = Gracias. Si este correo electrónico no tenía cuenta, su cuenta ya está lista: inicie sesión con él ahora. Si ya tenía una, inicie sesión con su contraseña.
signin-notice-signed-up-no-zone = Gracias. Si este correo electrónico no tenía cuenta, su cuenta ya está lista: inicie sesión con él ahora. Si ya tenía una, inicie sesión con su contraseña. Su navegador no nos dijo su zona horaria, así que Myo cuenta los días en UTC hasta que usted confirme la suya: su seguimiento se lo pedirá.
signin-err-missing = Escriba su correo electrónico y su contraseña.
signin-err-wrong = El correo electrónico o la contraseña no son correctos.
signup-err-email = Escriba un correo electrónico como nombre@ejemplo.org.
signup-err-name = Use como máximo 100 caracteres que se puedan imprimir.
signup-err-password = Use al menos { $count } caracteres (unas cuantas palabras hacen una buena contraseña).
signup-err-confirm = Las dos contraseñas no coinciden.

## Páginas de error

error-title = { $status ->
    [400] Solicitud incorrecta
    [403] Acceso denegado
    [404] Página no encontrada
    [405] Método no permitido
    [409] Conflicto
    [413] Envío demasiado grande
    [422] Datos que no se pueden procesar
    [429] Demasiadas solicitudes
    [500] Error del servidor
    [503] Servicio no disponible
   *[other] Error
}
error-code = Error { $status }.
error-home-link = Ir a la página de inicio
error-msg-not-found = No hay ninguna página en esta dirección.
error-msg-method = Esta dirección no acepta ese tipo de solicitud.
error-msg-busy = Myo está muy ocupado en este momento. Vuelva a intentarlo en unos segundos.
error-msg-conflict = Este registro cambió después de que usted lo abriera, así que no se guardó nada. Vuelva atrás, recárguelo y haga el cambio otra vez.
error-msg-internal = Algo falló por nuestra parte; ha quedado registrado.
error-msg-csrf-wrong = el código de seguridad del formulario no es correcto; recargue la página e inténtelo de nuevo
error-msg-csrf-missing = falta el código de seguridad del formulario; recargue la página e inténtelo de nuevo
error-msg-too-large = El formulario es demasiado grande.
error-msg-language = Idioma: elija uno de los idiomas que se ofrecen.
error-msg-no-record = Ese registro no existe.
error-msg-signup-off = En este sitio no se pueden crear cuentas. Pida una a su administrador.
error-msg-clock = El reloj del servidor no tiene una fecha válida.

## Seguimiento: marco, tablas, avisos

tracker-records-of = Registros de
tracker-shared-read-only = (compartidos con usted; solo lectura)
tracker-switch-person = Cambiar de persona
tracker-nav-label = Seguimiento
tab-dashboard = Resumen
tab-diary = Diario
tab-strength = Fuerza
tab-labs = Análisis
tab-conditions = Enfermedades
tab-medicines = Medicinas
tab-visits = Consultas
tab-summary = Resumen para la consulta
tab-settings = Configuración
tab-sharing = Compartir y exportar
table-region = Tabla: { $caption }
table-action = Acción
table-edit = Editar
table-delete = Borrar
table-edited-on = editado el { $when }
table-history-of = historial de { $what }
form-not-saved = No se guardó.
tz-prompt-owner = Myo todavía no conoce su zona horaria, así que cuenta «hoy» en UTC (tiempo universal coordinado). Si usted vive en otra zona, los días de su diario, las horas de sus dosis y los avisos pueden ir un día desfasados.
tz-prompt-link = Confirme su zona horaria en Configuración
tz-prompt-other = Esta persona todavía no ha confirmado su zona horaria, así que «hoy» en estas páginas se cuenta en UTC (tiempo universal coordinado).
flags-title = Señales de alarma todavía sin atender
flags-tier = { $tier ->
    [emergency] Señal de alarma de emergencia
   *[other] Señal de alarma urgente
}
flags-line = { $tier ->
    [emergency] Señal de alarma de emergencia
   *[other] Señal de alarma urgente
} en la entrada del diario del { $date }
flags-resolve = Marcar como atendida
flags-status-open = todavía sin atender
flags-status-resolved = marcada como atendida el { $date }
flags-period-line = { $tier ->
    [emergency] Señal de alarma de emergencia
   *[other] Señal de alarma urgente
} del { $date }: { $title } ({ $status }).
flags-period-none = No se registró ninguna en este periodo.
flags-period-title = Señales de alarma que aparecieron en el periodo
answer-yes = Sí
answer-no = No
answer-not-answered = Sin responder
value-yes = sí
value-no = no
rating-weakness = debilidad
rating-fatigue = cansancio
rating-pain = dolor
rating-rash = erupción en la piel
rating-itch = picor
rating-sleep_quality = calidad del sueño
rating-mood = ánimo
symptom-swallowing_trouble = dificultad para tragar
symptom-breathlessness = falta de aire
symptom-fever = fiebre
symptom-new_skin_sores = llagas nuevas en la piel
column-date = Fecha
column-note = Nota

## Seguimiento: resumen

title-dashboard = Resumen del seguimiento
dash-at-a-glance = De un vistazo ({ $date })
dash-diary-days = Días con diario en los últimos 30
dash-diary-days-value = { $count } de 30
dash-last-entry = Última entrada del diario
dash-none-yet = todavía ninguna
dash-active-medicines = Medicinas que toma
dash-overdue = Análisis de control atrasados
dash-latest = Últimos valores
dash-latest-measure = Medida
dash-latest-value = Valor
dash-latest-empty = Todavía no hay nada registrado.
dash-not-recorded = sin registrar
dash-monitoring = Análisis de control
dash-monitoring-hint = Según las reglas de control de Myo, con su fecha; cada línea dice de qué guía o prospecto sale. Lo que indique su equipo médico va primero.
dash-monitoring-none = No hay análisis de control pendientes para las medicinas que ha registrado.
dash-due-for = por { $medicine }
due-state = { $state ->
    [overdue] atrasado
    [due-soon] toca pronto
    [upcoming] próximo
   *[done] hecho
}
dash-from = Fuente
dash-and = y
dash-interval-verified = Intervalo comprobado con la fuente (reglas del { $date }).
dash-interval-unverified = Intervalo todavía no comprobado con la fuente (reglas del { $date }).
dash-flares = Señales de brote (últimos 30 días)
dash-flares-hint = Es una estimación (estado: parcial): una subida por encima de sus propios valores recientes. No es un diagnóstico; hable con su equipo médico.
dash-flares-none = No hay señales de brote.
dash-trends = Evolución
dash-trends-hint = Los huecos en una línea son días sin registro, no ceros. Las barras de color bajo un gráfico muestran cuándo tomó cada medicina. Cada gráfico tiene una leyenda y sus valores en una tabla.

## Seguimiento: diario

title-diary = Diario
diary-banner-today = { $tier ->
    [emergency] Señal de alarma de emergencia
   *[other] Señal de alarma urgente
} en la entrada de hoy
diary-banner-day = { $tier ->
    [emergency] Señal de alarma de emergencia
   *[other] Señal de alarma urgente
} en la entrada del { $date }
diary-saved = Guardado.
diary-form-title = ¿Cómo se encuentra hoy?
diary-form-hint = Deje en blanco lo que no quiera puntuar: se guarda como «sin registrar», nunca como 0. Si vuelve a guardar un día que ya tiene entrada, solo cambia lo que usted modifique.
diary-date = Fecha
diary-ratings-legend = Puntuaciones de 0 a 10 (debilidad, cansancio, dolor, erupción y picor: 10 = lo peor; sueño y ánimo: 10 = lo mejor)
diary-symptom-question = ¿Tiene { $symptom }?
diary-note = Nota (opcional, como máximo 2000 caracteres)
diary-clear-title = Borrar una respuesta guardada de este día
diary-clear-hint = Al guardar otra vez el mismo día, se conserva lo que deje en blanco. Marque lo que quiera borrar.
diary-clear-note = nota
diary-submit = Guardar entrada
diary-chart-title = Últimos 90 días
diary-list-title = Entradas
diary-list-caption = Entradas recientes (un día sin entrada es un hueco, no un cero)
diary-list-empty = Todavía no hay entradas en el diario.
diary-delete-label = diario del { $date }

## Seguimiento: resumen para la consulta (página, impresión y PDF)

title-summary = Resumen para la consulta
summary-from = Desde
summary-to = Hasta
summary-sections = Secciones
summary-questions = Preguntas para el médico (una por línea)
summary-submit = Ver resumen
summary-pdf = Descargar en PDF
summary-print-hint = Para tenerlo en papel, use la opción de imprimir de su navegador; la página se imprime sin menús.
summary-heading = { $name }: del { $from } al { $to }
summary-days = { $total ->
    [one] { $recorded } de { $total } día tiene entrada en el diario.
   *[other] { $recorded } de { $total } días tienen entrada en el diario.
}
section-symptoms = Síntomas (diario)
section-strength = Fuerza y capacidad física
section-labs = Resultados de análisis
section-medicines = Medicinas y cambios
section-flares = Señales de brote
section-questions = Preguntas para el médico
summary-symptoms = Síntomas
summary-ratings-caption = Puntuaciones del diario en el periodo
summary-ratings-empty = No hay puntuaciones registradas.
summary-col-rating = Puntuación
summary-col-days = Días registrados
summary-col-mean = Media
summary-col-lowest = Mínima
summary-col-highest = Máxima
summary-col-first = Primera
summary-col-last = Última
summary-symptom-days = sí en { $yes } de { $answered } días con respuesta.
summary-range = del { $from } al { $to }
summary-gaps = Días sin entrada (huecos, no ceros): { $days }.
summary-note = Nota del { $date }
summary-strength = Fuerza y capacidad física
summary-labs-caption = Resultados de análisis en el periodo
summary-labs-empty = No hay resultados de análisis en el periodo.
summary-col-test = Análisis
summary-col-results = Resultados
summary-col-out-of-range = Fuera de rango
summary-col-latest = Último
summary-value-on = { $value } el { $date }
summary-dose-caption = Dosis vigente, desde cada día en que cambió
summary-col-medicine = Medicina
summary-col-dose = Dosis
summary-dose-empty = No tomó ninguna medicina en el periodo.
summary-not-taken = no la tomó
summary-medicines = Medicinas y cambios
summary-flares = Señales de brote
summary-flares-note = Las señales de brote son una estimación (estado: parcial), no un diagnóstico: hable de ellas con su equipo médico.
summary-questions-title = Preguntas para el médico
pdf-heading = Resumen para la consulta: { $name }
pdf-title = Resumen para la consulta: { $name }, del { $from } al { $to }
pdf-name = Nombre: { $name }
pdf-birth-date = Fecha de nacimiento: { $date }
pdf-identifier = Identificador: { $id }
pdf-clinician-ref = Identificador del médico: { $id }
pdf-page = Página { $n } de { $total }
pdf-record-id = Registro de Myo { $id }
pdf-none-recorded = no consta
pdf-period = Periodo: del { $from } al { $to }
pdf-made = Hecho: { $when }
pdf-disclaimer = Myo informa; no diagnostica ni receta. Los valores salen de los propios registros de la persona; lo que falta se muestra como que falta, no como normal.
pdf-escalation = En una emergencia (le cuesta respirar o tragar, tiene dolor en el pecho o se desmaya), llame ya al 911, al 112 o al número de emergencias de su país.
pdf-nothing = No hay nada registrado.
pdf-chart-alt = Gráfico de las puntuaciones del diario del { $from } al { $to }: debilidad (línea continua), cansancio (discontinua), dolor (de puntos), de 0 a 10; los cortes son días sin entrada. La tabla de arriba da los mismos datos en números.
clin-diagnosis-title = Diagnóstico y anticuerpos
clin-conditions-caption = Diagnósticos tal como se registraron
clin-col-condition = Enfermedad
clin-col-diagnosed = Diagnosticada
clin-col-resolved = Resuelta
clin-conditions-empty = No hay ningún diagnóstico registrado.
clin-antibodies-caption = Resultados de anticuerpos y con qué se asocia un resultado positivo
clin-col-antibody = Anticuerpo
clin-col-result = Resultado
clin-col-sample-date = Fecha de la muestra
clin-col-associated = Se asocia con (páginas de información)
clin-antibodies-empty = No hay ningún resultado de anticuerpos registrado.
clin-no-kb-entry = sin página de información
clin-not-given = no consta
clin-labs-caption = Cada resultado con el rango de referencia del laboratorio
clin-trends-caption = Evolución de cada prueba en el periodo (se compara el primer resultado con el último)
clin-col-change = Cambio
clin-trend-one = un solo resultado: sin evolución
clin-trend-same = sin cambios
clin-trend-up = sube un { $pct } %
clin-trend-down = baja un { $pct } %
clin-trend-up-from-zero = sube desde 0
clin-trend-other-units = { $n } en otra unidad, sin comparar
clin-col-range = Rango de referencia
clin-col-against = Respecto al rango
clin-below = por debajo
clin-within = dentro
clin-above = por encima
clin-no-range = sin rango
clin-visits-caption = Consultas: puntuaciones de los instrumentos y puntuación total de mejoría (TIS)
clin-col-tis = TIS respecto a la consulta anterior
clin-visits-empty = No hay ninguna consulta registrada en el periodo.
clin-not-assessed = no evaluado
clin-not-scored = no se pudo puntuar
clin-of = { $value } de { $max }
clin-incomplete = incompleto (de { $max })
clin-haq = { $value } (de 0, lo mejor, a { $max })
clin-no-visit-before = sin consulta anterior
clin-tis = { $score } de 100, mejoría { $category ->
    [none] nula
    [minimal] mínima
    [moderate] moderada
    [major] importante
   *[other] { $category }
} (desde el { $date })
clin-tis-lower-bound = { $score } de 100, mejoría { $category ->
    [none] nula
    [minimal] mínima
    [moderate] moderada
    [major] importante
   *[other] { $category }
}; es un mínimo, faltan algunas medidas (desde el { $date })
clin-not-computed = no calculado: { $why }
clin-missed-caption = Dosis registradas como olvidadas
clin-col-time = Hora
clin-missed-empty = No hay ninguna dosis registrada como olvidada (de las dosis no anotadas no se sabe si se tomaron o se olvidaron).
clin-deleted-medicine = una medicina borrada
summary-visit-line = Consulta o evaluación del { $date }: MMT-8 { $mmt }, HAQ-DI { $haq }, CMAS { $cmas }.
summary-home-tests = { $test }: { $count ->
    [one] { $count } prueba
   *[other] { $count } pruebas
}; primera { $first }, última { $last }.
hometest-sit-to-stand = levantarse de la silla en 30 segundos (veces)
hometest-timed-up-and-go = levantarse y caminar cronometrado (segundos)
hometest-arm-raise = brazos en alto (segundos)
settings-title = Su zona horaria y su fecha de nacimiento
settings-hint = Myo la usa para saber qué es «hoy», para los días de su diario, las fechas que no pueden ser futuras, las horas de las dosis y cuándo se editó una entrada. Hoy, en esta zona, es
settings-tz-label = Zona horaria (empiece a escribir una ciudad, por ejemplo Europe/Madrid)
settings-tz-unsaved = Todavía no hay ninguna zona horaria guardada, así que Myo usa UTC. Elija la suya y pulse Guardar.
settings-tz-found = Su navegador indica { $zone }; ya está escrita arriba. Pulse Guardar para confirmarla.
settings-birth-date = Fecha de nacimiento (opcional)
settings-birth-date-hint = Las personas con quienes comparte sus registros la ven junto a su nombre, para no confundirle con alguien que se llame igual. Déjela en blanco para quitarla.
settings-submit = Guardar configuración
title-settings = Configuración
title-kb = Aprender sobre la miositis
kb-pages = { $count ->
    [one] { $count } página
   *[other] { $count } páginas
}
notice-deleted = Borrado.
notice-edited = Cambios guardados. La versión anterior se conserva en el historial de la entrada.
notice-assessed = Guardado y puntuado. Los puntos marcados como no evaluados se muestran como que faltan y nunca se puntúan.
notice-settings = Configuración guardada.
title-forgot = ¿Olvidó su contraseña?
forgot-intro = Escriba el correo electrónico con el que inicia sesión. Si corresponde a una cuenta, le enviaremos un enlace para elegir una contraseña nueva. El enlace sirve una sola vez, durante { $minutes } minutos.
forgot-submit = Enviarme un enlace
forgot-ask-admin = Este sitio no envía correos. Pida a su administrador un enlace para elegir una contraseña nueva; puede crearlo desde la lista de cuentas.
forgot-signs-out = Al elegir una contraseña nueva se cierran todas sus sesiones y se anulan sus claves de la API.
forgot-back = Volver a iniciar sesión
forgot-sent = Si { $email } corresponde a una cuenta, le hemos enviado un enlace para elegir una contraseña nueva. Sirve una sola vez, durante { $minutes } minutos. ¿No le ha llegado? Mire en la carpeta de correo no deseado y vuelva a pedirlo.
forgot-err-too-many = Se han pedido demasiados enlaces. Espere una hora y vuelva a intentarlo.
title-reset = Elija una contraseña nueva
reset-for-account = Para la cuenta
reset-signs-out = Al guardarla se cierran todas sus sesiones y se anulan sus claves de la API.
reset-password = Contraseña nueva
reset-password-again = Repita la contraseña nueva
reset-submit = Guardar la contraseña nueva
reset-invalid = Este enlace no funciona: ya se usó, tiene más de { $minutes } minutos o se copió mal.
reset-ask-again = Pida un enlace nuevo

## Gráficos (los dibuja el registro con estas palabras)
chart-no-data = Aún no hay datos
chart-nothing-recorded = Aún no hay datos: nada registrado del { $from } al { $to }.
chart-window = Del { $from } al { $to }.
chart-series-empty = { $series }: ningún valor registrado.
chart-series-summary = { $series }: { $count ->
    [one] un valor
    *[other] { $count } valores
  } del { $first } al { $last }, mínimo { $lowest }, máximo { $highest }, último { $latest } { $unit }{ $breaks ->
    [0] .
    [one] ; la línea se corta una vez donde faltan días.
    *[other] ; la línea se corta { $breaks } veces donde faltan días.
  }
chart-reference-band = Franja sombreada: intervalo de referencia { $range }.
chart-medicine-period = Periodo de medicamento: { $medicine } del { $from } al { $to }.
chart-now = hoy
chart-ongoing = sigue
chart-bar = { $medicine }, del { $from } al { $to }
chart-key = Leyenda: { $title }
chart-reference-range = Intervalo de referencia { $range }
chart-table-summary = { $title }: valores en una tabla
chart-table-label = Tabla: valores de { $title }
chart-table-caption = { $title } ({ $unit }), del { $from } al { $to }
chart-table-caption-range = { $title } ({ $unit }), del { $from } al { $to }; intervalo de referencia { $range }
chart-col-date = Fecha
chart-medicines-caption = Medicamentos en este periodo
chart-col-medicine = Medicamento y dosis
chart-col-from = Desde
chart-col-to = Hasta
chart-diary-title = Valoraciones del diario (0–10)
chart-diary-unit = puntos (0–10)
chart-home-test-title = Prueba en casa: { $test }
chart-unit-stands = veces
chart-unit-seconds = segundos
chart-mmt8-title = MMT-8 total (más alto es más fuerza)
chart-mmt8-unit = puntos (0–{ $max })

## Pruebas de control en el panel
monitor-test-full_blood_count = hemograma completo
monitor-test-liver_tests = análisis del hígado
monitor-test-kidney_function = función renal
monitor-test-tpmt = análisis de TPMT
monitor-test-blood_pressure = presión arterial
monitor-test-glucose = azúcar en sangre (glucosa)
monitor-test-hepatitis_b = análisis de hepatitis B
monitor-test-immunoglobulins = niveles de inmunoglobulinas
monitor-test-lipids = colesterol (lípidos)
monitor-test-eye_screening = revisión de los ojos
monitor-baseline-before = hace falta un control inicial ({ $test }) antes de empezar
monitor-baseline-within = hace falta un control inicial ({ $test }) en los { $days } días siguientes al inicio
monitor-done = { $test } hecho el { $date }; no hay repetición programada
monitor-repeat = { $test } cada { $weeks } semanas en esta fase del tratamiento
monitor-repeat-last = { $repeat }; último resultado el { $date }
monitor-overdue = RETRASADO { $days ->
    [one] un día
   *[other] { $days } días
  } (tocaba el { $due }): { $why }
monitor-due = toca el { $due }: { $why }

## Señales de brote
flare-rise = una subida
flare-drop = una bajada
flare-diary = { $rating }: { $value } el { $date }, frente a una media de { $mean } (media de los { $days } días registrados antes, dentro de { $lookback } días; { $change } de { $threshold } o más cuenta como posible brote)
flare-ck = CK de { $value } U/L el { $date }: { $times } veces el valor anterior, { $previous } U/L el { $previous_date } (más de { $factor } veces cuenta como subida)

## Labs

labs-add-a-result = Añadir un resultado
labs-copy-the-reference-range = Copie el intervalo de referencia de su informe de laboratorio: indique el mínimo y el máximo, o solo el límite superior de la normalidad.
labs-unit = Unidad
labs-reference-range-low-optional = Intervalo de referencia, mínimo (opcional)
labs-reference-range-high-optional = Intervalo de referencia, máximo (opcional)
labs-upper-limit-of-normal = Solo el límite superior de la normalidad (opcional)
labs-save-result = Guardar el resultado
labs-ck-last-two-years = CK, últimos dos años
labs-converted-shows-the-value = «Convertido» muestra el valor en la otra unidad habitual (U/L ↔ µkat/L, mg/L ↔ mg/dL, g/L ↔ g/dL) con factores citados.

## Medicines

meds-not-saved-yet-please = Todavía no se guardó. Compruebe, por favor:
meds-if-it-is-right = Si es correcto, escriba el motivo en el formulario de abajo (
meds-reason = Motivo
meds-and-save-again = ) y guarde de nuevo.
meds-saved = Se guardó { $form-name }.
meds-missed-doses = Dosis olvidadas
meds-drug-guide = Guía del medicamento
meds-your-medicines = Sus medicamentos
meds-no-medicines-recorded = No hay medicamentos registrados.
meds-stopped = Suspendido:
meds-confirmed = Confirmado:
meds-taken-2 = Tomada
meds-missed-2 = Olvidada
meds-restart = Reanudar
meds-change-the-dose-of = Cambiar la dosis de { $name } o suspenderlo
meds-restart-on = Reanudar el
meds-new-dose-optional-else = Nueva dosis (opcional; si no, la última)
meds-dose-unit = Unidad de la dosis
meds-reason-if-the-dose = Motivo, si la dosis está por encima del intervalo habitual (opcional)
meds-the-earlier-dose-is = La dosis anterior se conserva: termina el día anterior.
meds-new-dose = Nueva dosis
meds-change-dose = Cambiar la dosis
meds-last-day-taken = Último día que lo tomó
meds-why-it-was-stopped = Por qué se suspendió
meds-stop-keeps-its-history = Suspender (se conserva su historial)
meds-dose-in-force-on = Dosis vigente en un día
meds-day = Día
meds-show = Mostrar
meds-your-time-zone = Su zona horaria
meds-dose-times-are-local = Las horas de las dosis son horas locales de reloj en esta zona (las 08:00 siguen siendo las 08:00 con los cambios de horario de verano).
meds-save-time-zone = Guardar la zona horaria
meds-add-a-medicine = Añadir un medicamento
meds-methotrexate-for-myositis-is = El metotrexato para la miositis se toma una vez por semana: Myo solo acepta una pauta semanal para él.
meds-name = Nombre
meds-generic-name-optional = Nombre genérico (opcional)
meds-route = Vía
meds-by-mouth = por la boca
meds-injection-under-the-skin = inyección bajo la piel
meds-injection-into-a-muscle = inyección en un músculo
meds-infusion-into-a-vein = infusión en una vena
meds-on-the-skin = sobre la piel
meds-how-often = Con qué frecuencia
meds-daily = a diario
meds-several-times-a-day = varias veces al día
meds-weekly-on-a-day = semanal, un día fijo
meds-every-n-weeks = cada N semanas
meds-on-listed-dates = en fechas indicadas
meds-a-taper-steps = una reducción gradual (pasos)
meds-time-hh-mm = Hora (HH:MM)
meds-day-weekly = Día (semanal)
meds-every-n-weeks-n = Cada N semanas (N)
meds-times-several-a-day = Horas (varias al día, separadas por comas)
meds-dates-course-comma-separated = Fechas (ciclo, separadas por comas)
meds-taper-steps-a-taper = Pasos de la reducción (por ejemplo, 20 mg durante 7 días, 15 mg durante 7 días)
meds-start = Inicio
meds-end-optional = Fin (opcional)
meds-i-have-a-risk = Tengo un factor de riesgo que mi equipo médico me indicó para el control de este medicamento
meds-reason-why-this-is = Motivo (por qué es correcto, por ejemplo «recetado por mi reumatólogo el 1 de marzo»)
meds-save-medicine = Guardar el medicamento

## Conditions and antibodies

cond-conditions-and-antibodies = Enfermedades y anticuerpos
cond-antibody-results = Resultados de anticuerpos
cond-for-a-positive-result = Para un resultado positivo, las características que la base de conocimientos asocia a ese anticuerpo. Son asociaciones descritas en estudios, no una predicción para usted; el cribado de cáncer es una decisión de su equipo médico.
cond-imacs-cancer-screening-risk = Calculadora de riesgo de IMACS para el cribado de cáncer
cond-about-this-antibody = Sobre este anticuerpo
cond-action-plan-what-to = Plan de acción: qué vigilar y qué hacer
cond-linked-in-studies-to = Asociado en estudios a (no es una predicción para usted):
cond-no-antibody-results-recorded = No hay resultados de anticuerpos registrados.
cond-add-a-diagnosis = Añadir un diagnóstico
cond-diagnosis-as-your-doctor = Diagnóstico (tal como se lo dio su médico)
cond-diagnosed-on-optional = Fecha del diagnóstico (opcional)
cond-resolved-on-optional = Fecha de resolución (opcional)
cond-save-diagnosis = Guardar el diagnóstico
cond-add-an-antibody-result = Añadir un resultado de anticuerpos
cond-positive = Positivo
cond-negative = Negativo
cond-borderline = Dudoso
cond-titre-or-level-as = Título o nivel tal como figura (opcional)

## Strength and function

strength-home-tests = Pruebas en casa
strength-leave-a-test-empty = Deje vacía una prueba si no la hizo.
strength-30-second-sit-to = Levantarse de la silla en 30 segundos (número de veces)
strength-timed-up-and-go = Levántese y ande cronometrado (segundos)
strength-arm-raise-held-seconds = Brazos levantados sostenidos (segundos)
strength-save-home-tests = Guardar las pruebas en casa
strength-scored-assessment = Evaluación puntuada
strength-enter-an-assessment-item = Introduzca una evaluación ítem por ítem; un ítem que no se hizo se marca como «No evaluado» y figura como faltante, nunca se puntúa como normal.
strength-assessments = Evaluaciones
strength-no-assessments-yet = Todavía no hay evaluaciones.
strength-last-year = Último año

## Visits

visits-no-visits-recorded = No hay visitas registradas.
visits-total-improvement-score-between = Puntuación de mejoría total (TIS) entre dos visitas
visits-baseline-visit = Visita inicial
visits-follow-up-visit = Visita de seguimiento
visits-compute-tis = Calcular la TIS
visits-haq-di-is-not = Aquí el HAQ-DI no se registra con las visitas, así que la función figura como faltante y la puntuación es un límite inferior.
visits-add-a-visit = Añadir una visita
visits-copy-what-your-care = Copie lo que registró su equipo médico. Deje vacío lo que no se evaluó: queda como «no evaluado».
visits-visit-date = Fecha de la visita
visits-physician-global-activity-0 = Actividad global según el médico (0–10)
visits-patient-global-activity-0 = Actividad global según el paciente (0–10)
visits-extramuscular-activity-0-10 = Actividad extramuscular (0–10)
visits-mmt-8-grades-one = Grados MMT-8, un lado (0–10)
visits-ck-u-l = CK (U/L)
visits-ck-upper-limit-of = Límite superior de la normalidad de la CK (misma unidad)
visits-save-visit = Guardar la visita

## Sharing and export

share-your-calendar-link = Su enlace de calendario
share-your-new-share-link = Su nuevo enlace para compartir
share-copy-it-now-it = (cópielo ahora; no se volverá a mostrar)
share-this-site-does-not = Este sitio no conoce su propia dirección, así que esta es la parte que va después: ponga delante la dirección de este sitio (la de la barra de direcciones de su navegador).
share-share-links = Enlaces para compartir
share-anyone-with-the-link = Cualquiera que tenga el enlace ve las secciones elegidas de sus últimos 90 días hasta que caduque o usted lo revoque. Cada apertura queda registrada.
share-sections-to-share = Secciones que compartir
share-expires-after-days-1 = Caduca al cabo de (días, de 1 a { $max-days })
share-label-optional = Etiqueta (opcional)
share-create-link = Crear el enlace
share-opened-times = ; abierto { $uses } veces.
share-revoke = Revocar
share-no-share-links-yet = Todavía no hay enlaces para compartir.
share-end-all-sharing = Dejar de compartir todo
share-clinicians-and-carers = Profesionales sanitarios y cuidadores
share-give-someone-access-with = Dé acceso a alguien con la dirección de correo electrónico que usa en Myo. Un profesional sanitario (con cuenta de profesional en Myo) puede leer todos sus registros del seguimiento, o también registrar sus visitas a la consulta y otros registros; un cuidador puede leer sus registros o también ayudarle a llevarlos.
share-their-e-mail-address = Su dirección de correo electrónico
share-they-are = Es
share-a-clinician = un profesional sanitario
share-a-carer = un cuidador
share-they-may = Puede
share-read-my-records = leer mis registros
share-read-and-change-my = leer y cambiar mis registros (un profesional sanitario podrá entonces registrar visitas)
share-give-access = Dar acceso
share-has-access-since = tiene acceso desde
share-invited-on-waiting-for = invitado el { $granted }; a la espera de que inicie sesión
share-access-revoked = acceso revocado
share-access-for = acceso para
share-no-one-else-has = Nadie más tiene acceso.
share-hand-over-this-profile = Traspasar este perfil
share-when-is-ready-to = Cuando { $patient-name } esté preparado para llevar sus propios registros, indique la dirección de correo con la que iniciará sesión. Recibirá un enlace para elegir una contraseña; a partir de entonces el perfil y todos sus registros serán suyos, y usted dejará de verlos salvo que le dé acceso.
share-their-own-e-mail = Su propia dirección de correo electrónico
share-make-the-hand-over = Crear el enlace de traspaso
share-calendar = Calendario
share-a-private-link-your = Un enlace privado al que puede suscribirse el calendario de su teléfono: las dosis de cada medicamento (el día semanal del metotrexato, las infusiones cada pocas semanas, los pasos de una reducción) y los análisis de control pendientes, con recordatorios.
share-you-have-a-calendar = Tiene un enlace de calendario, creado el { $since }. Si crea uno nuevo, el anterior deja de funcionar.
share-stop-the-calendar-link = Desactivar el enlace de calendario
share-make-a-new-calendar = Crear un nuevo enlace de calendario
share-make-a-calendar-link = Crear un enlace de calendario
share-e-mail-reminders = Recordatorios por correo electrónico
share-myo-can-e-mail = Myo puede escribirle, a la dirección de su cuenta, cuando:
share-this-site-does-not-2 = Este sitio todavía no envía correos; sus preferencias se guardan para cuando lo haga. Escríbame cuando:
share-reminders = Recordatorios
share-save-reminders = Guardar los recordatorios
share-export = Exportar
share-csv = (CSV)
share-everything-as-a-fhir = Todo como un Bundle FHIR R4 (JSON)
share-delete-my-tracker-data = Borrar mis datos del seguimiento
share-this-removes-every-diary = Esto borra todas las entradas del diario, pruebas, resultados de laboratorio, medicamentos, enlaces para compartir y accesos de profesionales. No se puede deshacer. El registro de auditoría solo conserva que hubo un borrado.
share-type = Escriba
share-to-confirm = para confirmar

## Shared summary (public link)

shared-shared-summary = Resumen compartido
shared-records-from-to-as = Registros del { $from } al { $to }, tal como los compartió el paciente. Este enlace caduca el { $expires }.

## FHIR import

fhir-upload-the-fhir-file = Suba el archivo FHIR (JSON) del portal de su hospital. Myo le muestra primero lo que añadiría; no se guarda nada hasta que usted lo confirme.
fhir-these-will-be-added = Se añadirá lo siguiente
fhir-these-were-refused = Se rechazó lo siguiente
fhir-already-in-your-records = Ya está en sus registros
fhir-not-something-myo-tracks = No es algo que Myo registre
fhir-saved-record-s = Se guardaron { $saved } registro(s).
fhir-go-to-your-records = Ir a sus registros
fhir-add-these-record-s = Añadir estos { $len } registro(s)
fhir-fhir-file-from-your = Archivo FHIR de su portal (JSON, hasta 4 MiB)
fhir-or-paste-its-text = O pegue su texto
fhir-preview = Vista previa

## Guided assessment

guided-about-this-assessment = Sobre esta evaluación
guided-scored-by-myo-s = Puntuado por la biblioteca de instrumentos de Myo a partir de { $citation }. Estado:
guided-not-yet-verified-in = (todavía no verificado en todas sus partes)
guided-answer-every-item-if = Responda a cada ítem. Si un ítem no se hizo, elija «No evaluado»: figura como faltante y nunca se cuenta como normal.
guided-date-of-the-assessment = Fecha de la evaluación
guided-sides-tested = Lados evaluados
guided-one-side = Un lado
guided-both-sides = Ambos lados
guided-score-and-save = Puntuar y guardar
guided-cancel = Cancelar

## Record history

history-history-of-this = Historial de este registro: { $noun }
history-earlier-versions-newest-first = Versiones anteriores, la más reciente primero
history-this-entry-has-not = Esta entrada no se ha editado.
history-version-replaced-on = Versión { $version }, sustituida el
history-field = Campo
history-before = Antes
history-after = Después
history-no-visible-change-saved = Ningún cambio visible (se guardó de nuevo tal cual).
history-edit-it = Editarlo
history-back = Volver

## Editing a record

edit-edit-this = Editar este registro: { $noun }
edit-not-saved-this-entry = No se guardó: esta entrada cambió desde que la abrió. Sus valores se conservan abajo. Compruebe la versión guardada en su
edit-history = historial
edit-then-save-again-to = , y luego guarde de nuevo para sustituirla.
edit-edited-on = Editado el { $e }.
edit-see-its-history = Ver su historial
edit-change-what-is-wrong = Cambie lo que esté mal
edit-saving-keeps-the-earlier = Al guardar, la versión anterior se conserva en el historial de la entrada.
edit-save-changes = Guardar los cambios

## Deleting a record

delete-delete-this = ¿Borrar este registro: { $noun }?
delete-what-will-be-deleted = Qué se borrará
delete-record = Registro
delete-details = Detalles
delete-you-cannot-undo-this = Esto no se puede deshacer. El registro de auditoría solo conserva que se borró un registro.

## Clinician's patient list

patients-patients-who-shared-their = Pacientes que compartieron sus registros con usted
patients-find-by-name-e = Buscar por nombre, correo electrónico o su identificador
patients-everyone = todos
patients-only-with-open-red = solo con señales de alarma abiertas o señales de brote
patients-only-with-overdue-monitoring = solo con análisis de control atrasados
patients-sort-by = Ordenar por
patients-open-flags-first = primero las señales abiertas
patients-last-entry-newest-first = última entrada, la más reciente primero
patients-name = nombre
patients-sort-by-2 = Ordenar por:
patients-open-flags = señales abiertas
patients-last-entry = última entrada
patients-show-everyone = mostrar todos
patients-patient = paciente
patients-patients = pacientes
patients-of-patients-shown = de { $total } pacientes mostrados
patients-your-patients-and-what = Sus pacientes y lo que requiere atención
patients-patient-2 = Paciente
patients-open-red-flags-and = Señales de alarma abiertas y señales de brote
patients-last-entry-2 = Última entrada
patients-records = Registros
patients-born = Fecha de nacimiento:
patients-your-identifier = Su identificador
patients-save = Guardar
patients-identifier-for = identificador de
patients-none = ninguno
patients-red-flag = Señal de alarma
patients-flare-signal = Señal de brote
patients-nothing-recorded-yet = todavía nada registrado
patients-record-a-visit = Registrar una visita
patients-no-patient-has-given = Todavía ningún paciente le ha dado acceso.
patients-no-patient-matches = Ningún paciente coincide.
patients-red-flags-stay-open = Las señales de alarma siguen abiertas hasta que el paciente las marca como atendidas; las señales de brote abarcan los últimos 30 días; los análisis de control siguen las reglas citadas en el panel de cada paciente. Solo usted ve su identificador.
patients-your-own-tracker = Su propio seguimiento

## Account

account-your-account = Su cuenta
account-your-new-api-token = Su nuevo token de la API (cópielo ahora; no se volverá a mostrar)
account-profile = Perfil
account-e-mail = Correo electrónico
account-role = Función
account-created = Creada
account-see-your-activity-log = Ver su registro de actividad
account-change-password = Cambiar la contraseña
account-current-password = Contraseña actual
account-keep-my-api-tokens = Mantener activos mis tokens de la API (si no, se revocan con la contraseña anterior)
account-api-tokens = Tokens de la API
account-programs-use-a-token = Los programas usan un token para llamar a la
account-json-api = API JSON
account-as-you = en su nombre:
account-authorization-bearer-myo = Authorization: Bearer myo_…
account-only-a-hash-of = . Solo se guarda un hash de cada token.
account-you-have-no-tokens = No tiene tokens.
account-starts-with = Empieza por
account-last-used = Último uso
account-state = Estado
account-revoked = revocado
account-token = token
account-new-token-name = Nombre del nuevo token
account-create-token = Crear el token
account-where-you-are-signed = Dónde tiene la sesión iniciada
account-signed-in = Sesión iniciada
account-last-active = Última actividad
account-address = Dirección
account-browser = Navegador
account-this-browser = (este navegador)
account-session-started = sesión iniciada
account-delete-your-account = Borrar su cuenta
account-this-removes-your-account = Esto borra su cuenta, sus sesiones y sus tokens de inmediato. El registro de auditoría solo conserva un identificador anónimo.
account-your-password = Su contraseña
account-your-community-posts = Sus mensajes en la comunidad
account-delete-them-with-my = Borrarlos con mi cuenta
account-keep-them-for-others = Dejarlos para que otros los lean, mostrados como «antiguo miembro» y ya no vinculados a mí
account-i-understand-this-cannot = Entiendo que esto no se puede deshacer
account-delete-my-account = Borrar mi cuenta

## Calculator

calc-breadcrumb = Ruta de navegación
calc-classification-criteria-are-not = Los criterios de clasificación no son criterios diagnósticos.
calc-they-group-patients-for = Agrupan a pacientes para la investigación; no pueden decir si usted tiene una enfermedad. Solo su equipo médico puede diagnosticar.
calc-not-yet-verified = Todavía no verificado.
calc-some-numbers-or-rules = Algunos números o reglas de este instrumento todavía se están comprobando con el artículo publicado (estado: parcial). Los resultados se muestran con esa advertencia.
calc-source = Fuente:
calc-doi = doi:
calc-answer-what-you-know = Responda lo que sepa. Todo lo que quede como
calc-is-listed-as-missing = figura como faltante y nunca se cuenta como normal.
calc-please-check-one-answer = Marque una respuesta, por favor
calc-item-by-item = Ítem por ítem
calc-item = Ítem
calc-answer-used = Respuesta usada
calc-points = Puntos
calc-not-assessed = No evaluado
calc-these-items-were-left = Estos ítems quedaron fuera. Nunca se cuentan como normales: { $missing-rule }. El resultado puede cambiar cuando se conozcan.
calc-warnings = Advertencias
calc-notes = Notas
calc-status = Estado:
calc-source-2 = . Fuente: { $citation }.
calc-calculate = Calcular

## Calculators index

calcs-published-clinical-instruments-computed = Instrumentos clínicos publicados, calculados exactamente como los describen los artículos, con cada ítem explicado. Son para personas que ya tienen las mediciones de un profesional sanitario. Nada de lo que introduzca se guarda.
calcs-classification-criteria-are-not = Los criterios de clasificación no son criterios diagnósticos: agrupan a pacientes para la investigación y no pueden decir si una persona tiene una enfermedad.
calcs-id = Id.
calcs-status = · estado
calcs-not-yet-verified = (todavía no verificado)

## Ask

ask-call-or-text = , llamada o mensaje de texto
ask-emergency-warning-sign = Señal de alarma de emergencia
ask-urgent-warning-sign = Señal de alarma urgente
ask-this-was-flagged-from = : se detectó por las palabras de su pregunta.
ask-answers-come-only-from = Las respuestas salen solo de las páginas revisadas de Myo y muestran sus fuentes. Myo no puede diagnosticarle ni cambiar sus medicamentos: consulte a su equipo médico sobre su propia atención.
ask-your-question = Su pregunta
ask-please-leave-out-names = No incluya nombres, fechas de nacimiento ni otros datos que le identifiquen.
ask-answer = Respuesta
ask-not-covered-yet = Todavía sin respuesta
ask-about-this-question = Sobre esta pregunta
ask-sources = Fuentes
ask-reviewed = . Revisado el { $reviewed-on }.
ask-related-pages = Páginas relacionadas

## Knowledge-base entry

kbe-this-page-is-past = Esta página ha superado su fecha de revisión
kbe-review-was-due-some = (la revisión correspondía el { $next-review-due }). Algunos datos pueden estar desactualizados; consulte con su equipo médico.
kbe-find-organisations-helplines-and = Encuentre organizaciones, líneas de ayuda y centros especializados en el
kbe-directory-of-organisations-and = directorio de organizaciones y centros
kbe-and-studies-that-are = , y estudios que buscan participantes en el
kbe-clinical-trial-finder = buscador de ensayos clínicos
kbe-in-short = En resumen
kbe-key-facts = Datos clave
kbe-where = Dónde:
kbe-background-reading-only-the = Solo lectura de contexto; los datos de esta página se apoyan en las otras fuentes.
kbe-partly-confirmed = Confirmado en parte:
kbe-reviewed-on = Revisado el
kbe-next-review-due = . Próxima revisión prevista el
kbe-cite-this-page = Citar esta página
kbe-disclaimer = Aviso

## Knowledge-base section

kbs-review-overdue = Revisión atrasada
kbs-also-as-data = También como datos:
kbs-api-v1-kb-section = /api/v1/kb?section=

## Search

search-every-warning-sign-from = : todas las señales de alarma, desde una emergencia hasta lo que comentar en su próxima visita.
search-no-pages-found = No se encontraron páginas
search-pages-found = páginas encontradas
search-try-other-words-or = Pruebe con otras palabras, o
search-ask-a-question = haga una pregunta

## Organisations

orgs-organisations-and-centres = Organizaciones y centros
orgs-patient-organisations-and-networks = Organizaciones de pacientes y redes de centros especializados. Cada ficha procede de un registro citado en una
orgs-knowledge-base-page = página de la base de conocimientos
orgs-listings-marked-not-yet = . Las fichas marcadas «todavía no verificado» no se han comprobado en el sitio de la propia organización: compruebe allí el número antes de llamar.
orgs-country = País
orgs-all-countries = Todos los países
orgs-kind = Tipo
orgs-specialist-centres = Centros especializados
orgs-patient-organisation = Organización de pacientes
orgs-languages = Idiomas
orgs-not-stated = No consta
orgs-helpline = Línea de ayuda
orgs-none-listed = Ninguna indicada
orgs-services = Servicios
orgs-source = Fuente
orgs-cited-on-this-page = citada en esta página
orgs-not-yet-verified = todavía no verificado
orgs-checked-on = · comprobado el
orgs-the-organisation-s-site = el sitio de la organización
orgs-how-to-find-a = Cómo encontrar un centro especializado o una segunda opinión

## Hand-over (the young person)

handover-your-own-myo-log = Su propio acceso a Myo
handover-the-records-kept-for = Los registros llevados para
handover-become-yours-you-will = pasan a ser suyos. Iniciará sesión como
handover-after-this-whoever-kept = . A partir de ahora, quien los llevaba por usted ya no los verá salvo que usted le dé acceso.
handover-choose-a-password = Elija una contraseña
handover-at-least-characters = Al menos { $min-len } caracteres.
handover-make-the-records-mine = Hacer míos los registros
handover-this-link-does-not = Este enlace no funciona: ya se usó, es demasiado antiguo o se copió mal. Pida uno nuevo.

## Hand-over link

handover-link-hand-over-s-profile = Traspasar el perfil de { $child }
handover-link-we-sent-this-link = Enviamos este enlace a
handover-link-this-site-does-not = Este sitio no envía correos: entregue usted mismo este enlace a { $child }, para
handover-link-it-works-once-for = Funciona una sola vez, durante { $days } días, y solo se muestra esta vez.
handover-link-hand-over-link = Enlace de traspaso
handover-link-when-opens-it-and = Cuando { $child } lo abra y elija una contraseña, el perfil y todos sus registros pasarán a ser suyos, y usted dejará de verlos salvo que le dé acceso.
handover-link-back-to-the-records = Volver a los registros que puede ver

## Care circle

care-records-you-can-see = Registros que puede ver
care-choose-whose-records-to = Elija de quién abrir los registros. Cada persona decidió quién puede ver sus registros y puede retirar el acceso en cualquier momento; todo lo que usted consulte o cambie queda en su registro de actividad, con su nombre.
care-your-own-records = Sus propios registros
care-you-are-their = (usted es su { $relation }: { $access })
care-no-one-has-shared = Todavía nadie ha compartido sus registros con usted. Cuando alguien dé acceso a su dirección de correo, sus registros aparecerán aquí después de que usted inicie sesión.
care-add-a-child-s = Añadir el perfil de un niño o niña
care-for-a-child-with = Para un niño o niña con dermatomiositis juvenil: usted lleva sus registros y el menor no tiene acceso propio. Cuando esté preparado (por ejemplo a los 16 años), traspase el perfil desde su
care-page-the-records-become = página: los registros pasarán a ser suyos.
care-child-s-name = Nombre del niño o niña
care-date-of-birth = Fecha de nacimiento
care-child-s-time-zone = Zona horaria del menor (empiece a escribir una ciudad, p. ej. Europe/Madrid)
care-choose-the-zone-the = Elija la zona en la que vive el menor: fija su «hoy» y las horas de las dosis.
care-your-own-time-zone = Se ha rellenado su propia zona horaria; cámbiela si el menor vive en otra zona.
care-add-the-profile = Añadir el perfil

## Community

comm-from-people-living-with = De personas que viven con DM
comm-these-are-personal-experiences = Son experiencias personales, no consejo médico.
comm-they-are-not-reviewed = No están revisadas como la respuesta de esta página y puede que no se apliquen a usted. Nunca cambie un medicamento por un mensaje; consulte a su equipo médico.
comm-posts-cannot-be-shown = Ahora no se pueden mostrar los mensajes. La respuesta revisada de arriba no se ve afectada.
comm-no-one-has-shared = Todavía nadie ha compartido una experiencia aquí.
comm-edited-by-a-moderator = editado por un moderador
comm-waiting-for-a-moderator = A la espera de un moderador.
comm-only-you-can-see = Por ahora solo usted puede ver este mensaje.
comm-person = persona
comm-people = personas
comm-found-this-helpful = lo encontraron útil.
comm-unmark-this-helped-me = Quitar «esto me ayudó»
comm-this-helped-me = Esto me ayudó
comm-report-this-post = Denunciar este mensaje
comm-why-are-you-reporting = ¿Por qué lo denuncia?
comm-anything-else-a-moderator = Algo más que deba saber un moderador (opcional)
comm-send-report = Enviar la denuncia
comm-delete-my-post = Borrar mi mensaje
comm-share-your-experience = Comparta su experiencia
comm-you-post-as = Publica como
comm-your-e-mail-is = . Su correo electrónico nunca se muestra.
comm-your-community-name = Su nombre en la comunidad
comm-shown-on-your-posts = Se muestra en sus mensajes en lugar de su nombre o correo. Lo elige una sola vez.
comm-what-kind-of-post = ¿Qué tipo de mensaje es?
comm-your-experience = Su experiencia
comm-plain-text-in-your = Texto sencillo, con sus propias palabras, sobre usted. Sin nombres, direcciones de correo, teléfonos ni direcciones; enlaces solo a sitios públicos de salud. Un moderador lee los primeros mensajes de quien publica por primera vez antes de que aparezcan.
comm-post = Publicar
comm-to-share-your-experience = para compartir su experiencia o marcar un mensaje como útil.
comm-moderation-queue = Cola de moderación

## Community post

post-your-post-on = Su mensaje sobre «{ $topic-title }»
post-read-about-this-warning = Lea sobre esta señal de alarma
post-your-post-is-kept = Su mensaje se guarda y espera a un moderador antes de que nadie más lo vea. Actúe primero según la advertencia de arriba; un mensaje no es una forma de conseguir ayuda rápida.
post-back-to = Volver a «{ $topic-title }»

## Moderation queue

queue-held-posts-and-reported = Mensajes retenidos y denunciados, primero las emergencias y luego los más antiguos. Cada acción necesita un motivo; se guarda con el historial del mensaje y la acción va al registro de auditoría.
queue-nothing-waits-for-a = No hay nada esperando a un moderador.
queue-emergency-warning-sign = Señal de alarma de emergencia.
queue-the-poster-was-shown = A quien publicó se le mostró la acción de emergencia. Valore si necesita una respuesta que le oriente hacia ayuda urgente.
queue-on = · sobre
queue-held = retenido
queue-hidden = oculto
queue-reports = Denuncias
queue-history = Historial
queue-approve-and-publish = Aprobar y publicar
queue-hide = Ocultar
queue-restore = Restaurar
queue-save-the-edited-text = Guardar el texto editado de abajo
queue-dismiss-the-reports = Descartar las denuncias
queue-text-used-only-when = Texto (solo se usa al editar)
queue-apply = Aplicar
queue-to-the-post-by = al mensaje de

## Trial detail

trial-trial-finder = Buscador de ensayos
trial-on-clinicaltrials-gov = en ClinicalTrials.gov (registro de ensayos)
trial-this-summary-is-written = Este resumen lo escribe Myo a partir de los campos del registro. La página del registro y el equipo del estudio tienen los detalles completos y actualizados.
trial-what-is-tested = Qué se prueba
trial-who-can-join = Quién puede participar
trial-where = Dónde
trial-how-long = Cuánto dura
trial-what-it-asks-of = Qué le pide a usted
trial-contacts = Contactos
trial-no-central-contact-listed = No figura un contacto central; vea en la página del registro el contacto de cada centro.
trial-could-this-study-fit = ¿Podría encajar este estudio conmigo?
trial-tick-the-box-to = Marque la casilla para que Myo lea su seguimiento para esta comprobación.
trial-use-my-tracker-age = Usar mi seguimiento (edad, sexo, tipo de miositis, anticuerpos, medicamentos actuales) para compararlo con este estudio. No se guarda ni se envía nada a nadie.
trial-compare = Comparar
trial-to-compare-the-study = para comparar el estudio con su propio seguimiento.
trial-eligibility-as-the-registry = Criterios de participación tal como los escribe el registro
trial-the-registry-gives-no = El registro no da texto de criterios de participación.

## Trial finder

trials-clinical-trial-finder = Buscador de ensayos clínicos
trials-studies-of-dermatomyositis-and = Estudios de dermatomiositis y de las demás miopatías inflamatorias, copiados de
trials-clinicaltrials-gov = ClinicalTrials.gov
trials-last-updated = Última actualización
trials-no-studies-have-been = Todavía no se ha copiado ningún estudio
trials-an-administrator-runs = : un administrador ejecuta
trials-myo-trials-sync = myo trials sync
trials-the-latest-update-failed = La última actualización ({ $d }) falló; está viendo la última copia correcta.
trials-a-study-listed-here = Que un estudio figure aquí no es una recomendación. Solo el equipo del estudio puede decir si usted puede participar; háblelo con sus propios médicos.
trials-field = (campo: { $field })
trials-status = Estado
trials-open-or-opening-soon = Abierto o a punto de abrir
trials-recruiting-now = Buscando participantes ahora
trials-completed = Terminado
trials-any-status = Cualquier estado
trials-phase = Fase
trials-any-phase = Cualquier fase
trials-anything = Cualquier cosa
trials-your-age-in-years = Su edad en años
trials-your-sex-some-studies = Su sexo (algunos estudios admiten solo uno)
trials-not-given = Sin indicar
trials-female = Mujer
trials-male = Hombre
trials-near-city-or-country = Cerca de (ciudad o país)
trials-a-city-such-as = Una ciudad como Sevilla o Boston, o un país. Todavía no se admiten códigos postales. Las posiciones de las ciudades proceden de GeoNames (CC BY 4.0).
trials-within-km = En un radio de (km)
trials-find-studies = Buscar estudios
trials-of-studies = de { $total } estudios
trials-for = para «{ $n }»
trials-new-since-you-last = Nuevos desde su última visita
trials-tests = Prueba:
trials-nearest-site = Centro más cercano:
trials-saved-searches = Búsquedas guardadas
trials-open-a-saved-search = Abra una búsqueda guardada para ver qué estudios son nuevos desde su última visita. Marque «Avisarme por correo de estudios nuevos» y Myo también le escribirá cuando aparezcan estudios nuevos que coincidan, una vez por estudio. Myo no juzga si un estudio le conviene.
trials-open-a-saved-search-2 = Abra una búsqueda guardada para ver qué estudios son nuevos desde su última visita. Myo los muestra aquí, en la página; este sitio no está preparado para enviar correos.
trials-you-have-no-saved = No tiene búsquedas guardadas.
trials-e-mail-me-new = Avisarme por correo de estudios nuevos
trials-for-2 = para
trials-save-choice = Guardar la elección
trials-save-these-filters-as = Guardar estos filtros como
trials-save-search = Guardar la búsqueda
trials-to-save-a-search = para guardar una búsqueda y ver los estudios nuevos la próxima vez.

## Users (admin)

users-add-accounts-turn-them = Añada cuentas, desactívelas y actívelas, y cambie lo que pueden hacer. Cada cambio queda en el
users-audit-log = registro de auditoría
users-account-made-for = Cuenta creada para
users-with-the-role = con la función
users-temporary-password-shown-only = Contraseña temporal (solo se muestra esta vez)
users-give-it-to-the = Entréguela a la persona de forma segura, por ejemplo en persona o por teléfono. No la envíe en el mismo mensaje que la dirección de correo.
users-ask-them-to-change = Pídale que la cambie la primera vez que inicie sesión:
users-then = , y luego
users-accounts = Cuentas
users-find-by-e-mail = Buscar por dirección de correo
users-find = Buscar
users-show-all = Mostrar todas
users-no-accounts-on-this = No hay cuentas en esta página.
users-no-account-matches = Ninguna cuenta coincide.
users-accounts-oldest-first-page = Cuentas, la más antigua primero (página { $page })
users-actions = Acciones
users-you = (usted)
users-community-moderator = , moderador de la comunidad
users-disabled-since = desactivada desde
users-active = activa
users-none-for-your-own = Ninguna para su propia cuenta
users-new-role-for = Nueva función para
users-change-role = Cambiar la función
users-stop-moderating = Dejar de moderar
users-make-moderator = Hacer moderador
users-make-a-password-reset = Crear un enlace para restablecer la contraseña
users-enable = Activar
users-disable = Desactivar
users-pages-of-accounts = Páginas de cuentas
users-earlier-accounts = Cuentas anteriores
users-later-accounts = Cuentas posteriores
users-disabling-signs-the-person = Al desactivar a una persona se cierran todas sus sesiones y se detienen sus tokens de la API. No puede desactivarse a sí mismo ni quitarse la función de administrador, y siempre queda al menos un administrador activo.
users-add-an-account = Añadir una cuenta
users-myo-makes-a-strong = Myo crea una contraseña temporal segura para la nueva cuenta. Solo la verá una vez.
users-add-account = Añadir la cuenta

## Reset link (admin)

reset-link-password-reset-link = Enlace para restablecer la contraseña
reset-link-a-link-for = Un enlace para
reset-link-to-choose-a-new = para elegir una nueva contraseña. Funciona una sola vez, durante { $hours } horas, y solo se muestra esta vez.
reset-link-reset-link = Enlace de restablecimiento
reset-link-give-it-to-the = Entrégueselo a la persona de forma segura, por ejemplo en persona o por teléfono. Al usarlo se cierran todas sus sesiones y se detienen sus tokens de la API.
reset-link-back-to-the-accounts = Volver a las cuentas

## Audit log

audit-check-the-hash-chain = Comprobar la cadena de hashes
audit-no-events-yet = Todavía no hay eventos.
audit-audit-events-newest-first = Eventos de auditoría, el más reciente primero
audit-when-utc = Cuándo (UTC)
audit-who = Quién
audit-outcome = Resultado
audit-older-events = Eventos anteriores

## Tracker record pages: tables and titles made in code

labs-list-caption = Resultados de laboratorio, el más reciente primero
labs-list-empty = Todavía no hay resultados de laboratorio.
labs-col-reference = Referencia
labs-col-flag = Indicador
labs-col-converted = Convertido
labs-flag-low = bajo
labs-flag-normal = dentro del intervalo
labs-flag-high = alto
labs-flag-none = sin intervalo
labs-delete-label = análisis de { $test } del { $date }
strength-list-caption = Pruebas en casa (– = no hecha)
strength-list-empty = Todavía no hay pruebas en casa.
strength-col-sit-to-stand = Levantarse de la silla (30 s)
strength-col-up-and-go = Levántese y ande (s)
strength-col-arm-raise = Brazos levantados (s)
strength-delete-assessment = evaluación { $instrument } del { $date }
strength-delete-home-tests = pruebas en casa del { $date }
cond-list-caption = Diagnósticos tal como se registraron (Myo nunca diagnostica)
cond-list-empty = No hay enfermedades registradas.
cond-delete-label = enfermedad { $name }
cond-delete-label-dated = enfermedad { $name } del { $date }
cond-delete-antibody = anticuerpo { $name } del { $date }
cond-outcome-positive = positivo
cond-outcome-negative = negativo
cond-outcome-borderline = dudoso
meds-not-taken-that-day = no se tomaba ese día
meds-no-missed-dose-advice = Myo no tiene consejos sobre dosis olvidadas para este medicamento: consulte a su equipo médico o a su farmacéutico.
meds-delete-label = medicamento { $name } del { $date }
meds-dates-ended = del { $start } al { $end }
meds-dates-since = desde el { $start }
meds-adherence = últimos 28 días: { $taken } tomadas, { $missed } olvidadas, { $unknown } sin registrar
sched-daily = a diario a las { $time }
sched-weekly = cada semana el { $day } a las { $time }
sched-every-n-weeks = cada { $n } semanas a las { $time }
sched-course = el { $dates } a las { $time }
sched-taper = reducción gradual a las { $time }: { $steps }
sched-taper-step = { $dose } durante { $days ->
    [one] { $days } día
   *[other] { $days } días
}
sched-taper-then = , luego{" "}
weekday-monday = lunes
weekday-tuesday = martes
weekday-wednesday = miércoles
weekday-thursday = jueves
weekday-friday = viernes
weekday-saturday = sábado
weekday-sunday = domingo
route-oral = por vía oral
route-subcutaneous = por vía subcutánea
route-intramuscular = por vía intramuscular
route-intravenous = por vía intravenosa
route-topical = por vía tópica
delete-no-doses = No ha registrado ninguna dosis de este medicamento.
delete-doses-too = { $count ->
    [one] También se borrará la dosis que registró para este medicamento.
   *[other] También se borrarán las { $count } dosis que registró para este medicamento.
}
kind-noun-diary = entrada del diario
kind-noun-labs = resultado de laboratorio
kind-noun-medicines = medicamento
kind-noun-doses = dosis
kind-noun-home_tests = registro de pruebas en casa
kind-noun-conditions = enfermedad
kind-noun-antibodies = resultado de anticuerpos
kind-noun-visits = visita
kind-noun-assessments = evaluación
kind-csv-diary = Diario
kind-csv-labs = Resultados de laboratorio
kind-csv-medicines = Medicamentos
kind-csv-doses = Dosis tomadas u olvidadas
kind-csv-home_tests = Pruebas en casa
kind-csv-conditions = Enfermedades
kind-csv-antibodies = Resultados de anticuerpos
kind-csv-visits = Visitas
kind-csv-assessments = Evaluaciones de fuerza y capacidad física
visits-delete-label = visita del { $date }
patients-title = Pacientes

## Form errors: the field's label and what is wrong (the tracker's English words, or the
## problem as data worded here)

field-dose-amount = Dosis
field-dose-unit = Unidad de la dosis
field-dose = Dosis
field-name = Nombre
field-generic-name = Nombre genérico
field-route = Cómo se toma
field-schedule-kind = Con qué frecuencia
field-schedule-day = Día de la semana
field-schedule-time = Hora
field-schedule-times = Horas
field-schedule-n = Cada N semanas
field-schedule-dates = Fechas
field-schedule-steps = Pasos de la reducción
field-start = Inicio
field-end = Fin
field-confirmation = Motivo
field-time-zone = Zona horaria
field-value = Valor
field-unit = Unidad
field-analyte = Prueba
field-low = Límite inferior
field-high = Límite superior
field-uln = Límite superior de la normalidad
field-range = Intervalo de referencia
field-range-uln = Límite superior de la normalidad
field-date = Fecha
field-note = Nota
field-titre = Título
field-sit-to-stand-30s = Levantarse de la silla en 30 segundos
field-timed-up-and-go-s = Levántese y ande cronometrado
field-arm-raise-s = Brazos levantados
field-taper-step = Paso de la reducción
form-invalid = { $field }: { $problem } (se admite: { $allowed })
invalid-out-of-range = { $field }: { $value } está fuera del intervalo (se admite: de { $low } a { $high })
invalid-future-date = { $field }: el { $date } es una fecha futura (se admite: hoy ({ $today }) o un día anterior)
invalid-not-a-number = { $field }: «{ $text }» no se puede leer como número (se admite: un número como 1850 o 1,85)
invalid-not-a-date = { $field }: «{ $text }» no es una fecha (se admite: AAAA-MM-DD)
invalid-missing = { $field }: falta (se admite: un número)

## E-mails (in the recipient's account language; each message is one paragraph or line)

mail-reset-subject = Elija una nueva contraseña de Myo
mail-reset-intro = Alguien pidió elegir una nueva contraseña para su cuenta de Myo.
mail-reset-open = Para elegirla, abra este enlace antes de { $minutes } minutos. Funciona una sola vez:
mail-reset-effect = Al elegir una nueva contraseña se cierran todas sus sesiones y se detienen sus tokens de la API.
mail-reset-ignore = Si usted no lo pidió, ignore este mensaje: su contraseña sigue igual.
mail-invite-subject = Alguien compartió con usted sus registros de Myo
mail-invite-read = { $name } le ha dado acceso para leer sus registros en Myo, un seguimiento para personas que viven con miositis.
mail-invite-read-write = { $name } le ha dado acceso para leer y cambiar sus registros en Myo, un seguimiento para personas que viven con miositis.
mail-invite-how = Para verlos, inicie sesión en Myo con esta dirección de correo, o cree una cuenta con ella:
mail-invite-ignore = Si no conoce a esta persona, ignore este mensaje.
mail-handover-subject = Sus registros de Myo le esperan
mail-handover-intro = { $name } ha preparado su propio acceso a Myo para los registros que llevaba por usted.
mail-handover-open = Abra este enlace antes de { $days } días para elegir su contraseña. Funciona una sola vez:
mail-handover-after = Después, los registros serán solo suyos: esa persona ya no podrá verlos salvo que usted le dé acceso.
mail-reminder-open = Abra su seguimiento: { $link }
mail-reminder-informs = Myo informa; no diagnostica ni receta. Si se encuentra mal, contacte con su equipo médico, o con los servicios de emergencia en una emergencia.
mail-reminder-stop = Para dejar de recibir estos correos, desmárquelos en Compartir y exportar.
mail-monitoring-subject = Myo: toca { $test }
mail-monitoring-body = Un análisis de control por { $medicine } corresponde el { $date }: { $test }.
mail-diary-subject = Myo: su diario le espera
mail-diary-body = Su última entrada del diario fue el { $date }. Unas palabras o una puntuación hoy mantienen completo su registro; los días sin entrada se muestran como huecos, nunca como normales.

## Calendar feed (in the account's language)

cal-name = Myo: medicamentos y análisis
cal-weekly = semanal, el { $day }
cal-every-n-weeks = cada { $n } semanas
cal-taper-step = paso { $step } de la reducción
cal-not-prescribing = Tal como consta en su seguimiento de Myo. Myo no receta: siga las indicaciones de quien se lo recetó y consúltele si algo cambia.
cal-test-due = Análisis pendiente: { $test } ({ $medicine })
cal-from-verified = Fuente: { $source } (intervalo verificado con la fuente; reglas del { $date }).
cal-from-unverified = Fuente: { $source } (intervalo todavía no verificado con la fuente; reglas del { $date }).
fhir-title = Importar desde el portal de un hospital (FHIR)
reminder-kind-monitoring_due = me toca pronto, o ya se pasó, un análisis de control de mis medicamentos
reminder-kind-missed_diary = llevo unos días sin escribir en mi diario
